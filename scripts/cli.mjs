// npm run <name> -- …: runs an operator's command line (src/cli/<name>.ts) from the start bundle (see
// build.mjs), so it does not transpile the sources first; from the sources through tsx when the bundle
// cannot be built here (e.g. node_modules is read-only).
import { importBuilt } from './build.mjs';

const [name = '', ...args] = process.argv.slice(2);
const { runProgram } = await importBuilt('cli', '../src/cli/programs.ts');
runProgram(name, args);
