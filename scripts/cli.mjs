// npm run <name> -- …: runs an operator's command line (src/cli/<name>.ts) from the start bundle (see
// build.mjs), so it does not transpile the sources first; from the sources through tsx when the bundle
// cannot be built here (e.g. node_modules is read-only).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from './build.mjs';

const [name = '', ...args] = process.argv.slice(2);
let entry = null;
try {
  ({ entry } = await ensureBuilt());
} catch (err) {
  process.stderr.write(`lianxin: could not build the bundle (${err instanceof Error ? err.message : String(err)}); running the sources with tsx\n`);
}
if (entry) {
  const { runProgram } = await import(pathToFileURL(path.join(path.dirname(entry), 'cli.js')).href);
  runProgram(name, args);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { runProgram } = await import('../src/cli/programs.ts');
  runProgram(name, args);
}
