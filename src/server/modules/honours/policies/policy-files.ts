/** The seed-derived policy files (frameworks/policies/*.json), read and checked against the contract. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { policyFile, type PolicyFile } from '../../../../shared/incentives/schema';

export function readPolicyFiles(repoRoot: string): PolicyFile[] {
  const dir = path.join(repoRoot, 'frameworks/policies');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => policyFile.parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8'))));
}
