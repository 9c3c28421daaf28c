/** The data directory's half of /api/health: can we write a file there right now (not merely: do permissions say so)? */
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';

export interface DataDirHealth {
  writable: boolean;
  message?: string;
}

// /api/health is public: write at most one probe file per second and directory, however often it is asked
const recent = new Map<string, { at: number; result: Promise<DataDirHealth> }>();

export function probeDataDir(dataDir: string): Promise<DataDirHealth> {
  const hit = recent.get(dataDir);
  if (hit && Date.now() - hit.at < 1000) return hit.result;
  const result = writeProbe(dataDir);
  recent.set(dataDir, { at: Date.now(), result });
  if (recent.size > 16) recent.delete(recent.keys().next().value!);
  return result;
}

async function writeProbe(dataDir: string): Promise<DataDirHealth> {
  const file = path.join(dataDir, `.health-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  try {
    await fsp.mkdir(dataDir, { recursive: true });
    await fsp.writeFile(file, 'ok');
    await fsp.rm(file, { force: true });
    return { writable: true };
  } catch (e) {
    await fsp.rm(file, { force: true }).catch(() => {});
    const code = (e as { code?: string }).code ?? '';
    const why = code === 'ENOSPC' || code === 'EDQUOT' ? '磁盘空间已满' : code === 'EROFS' ? '文件系统为只读' : `无法写入（${code || '未知原因'}）`;
    return { writable: false, message: `数据目录${why}，佐证材料等无法保存；请联系系统管理员检查数据目录的权限与磁盘空间` };
  }
}
