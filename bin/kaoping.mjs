#!/usr/bin/env node
// kaoping CLI: registers tsx so the TypeScript sources run as they are, then hands over to src/cli/main.ts.
import { register } from 'tsx/esm/api';

register();
// `kaoping score … | head` closes the pipe early: that is not an error
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
const { run } = await import('../src/cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
