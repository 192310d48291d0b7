// npm test: the type check and the lint run beside the test suite instead of before it (many test files
// wait on paced sends and child processes, so two cores have room for them), and their output is printed
// after the suite's. The command fails when any of the three fails. Arguments go to vitest.
import { spawn } from 'node:child_process';

/** Runs a command with its output collected; resolves with its exit code and output. */
function collected(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('error', (err) => resolve({ code: 1, output: `${err.message}\n` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString() }));
  });
}

/** Runs a command with the terminal; resolves with its exit code. */
function attached(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const checks = [
  { name: 'type check (tsc --noEmit)', run: collected('npx', ['tsc', '--noEmit']) },
  { name: 'lint (npm run lint)', run: collected('npm', ['run', 'lint', '--silent']) },
];
const suite = await attached('npx', ['vitest', 'run', ...process.argv.slice(2)]);

let failed = suite !== 0;
for (const check of checks) {
  const { code, output } = await check.run;
  if (code === 0) {
    process.stdout.write(`${check.name}: passed\n`);
  } else {
    failed = true;
    process.stdout.write(`${check.name}: FAILED\n${output}\n`);
  }
}
process.exit(failed ? 1 : 0);
