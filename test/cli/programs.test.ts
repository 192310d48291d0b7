import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { LONG_MS } from '../support/patience.js';

// === `npm run <name>` (scripts/cli.mjs): a name that is no command line is refused with the list of names.

const root = fileURLToPath(new URL('../..', import.meta.url));

it('refuses a command line it does not know, naming the ones there are, with the usage exit code', { timeout: LONG_MS }, async () => {
  const failed = await promisify(execFile)(process.execPath, ['scripts/cli.mjs', 'nope', 'menu'], { cwd: root }).then(
    () => null,
    (e: { code: number; stderr: string; stdout: string }) => e,
  );
  expect(failed?.code).toBe(2);
  expect(failed?.stderr).toBe('lianxin: no command line named "nope" (one of: calendar, events, stations, wechat)\n');
  expect(failed?.stdout).toBe('');
});
