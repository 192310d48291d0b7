import { describe, expect, it } from 'vitest';
import { EXIT, failureText, runCommandLine } from '../../src/cli/runner.js';
import { SetupError } from '../../src/core/errors.js';
import { capture } from '../support/capture.js';

describe('failureText', () => {
  it('prints a setup problem whole, and anything else as a safe error on one line', () => {
    const setup = new SetupError('the calendar file x is not valid:\n  recurring: too small\n  reminders.0.time: must be a time HH:MM\nFix it.');
    expect(failureText('lianxin calendar', setup)).toBe(`${setup.message}\n`);
    const other = failureText('lianxin calendar', new Error('Failed query: insert into people params: 13812345678,张三\nsecond line'));
    expect(other.startsWith('lianxin calendar: {"type":"Error","message":"Failed query: insert into people params: [redacted]"')).toBe(true);
    expect(other).not.toContain('13812345678');
    expect(other).not.toContain('second line');
    expect(other.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('runCommandLine', () => {
  const seen: unknown[] = [];
  const cli = {
    name: 'demo',
    usage: 'usage: npm run demo -- show --what <x> [--loud]',
    options: { what: { type: 'string' }, loud: { type: 'boolean' } },
    commands: {
      async show({ values, out, usage }) {
        if (!values.what) return usage('--what is required');
        seen.push(values);
        out.write(`${values.loud ? values.what.toUpperCase() : values.what}\n`);
        return EXIT.done;
      },
      async setup() {
        throw new SetupError('first problem\nsecond problem');
      },
      async broken() {
        throw new Error('boom: 13812345678\nmore');
      },
    },
  } satisfies Parameters<typeof runCommandLine>[0];
  const run = async (...args: string[]) => {
    const out = capture();
    const err = capture();
    const code = await runCommandLine(cli, args, {}, out.stream, err.stream);
    return { code, out: out.text(), err: err.text() };
  };

  it('hands a command its string and boolean options', async () => {
    expect(await run('show', '--what', 'tea', '--loud')).toEqual({ code: 0, out: 'TEA\n', err: '' });
    expect(await run('show', '--what=tea')).toEqual({ code: 0, out: 'tea\n', err: '' });
    expect(seen).toEqual([{ what: 'tea', loud: true }, { what: 'tea' }]);
  });

  it('answers what does not parse with the usage and exit code 2', async () => {
    for (const args of [[], ['nonsense'], ['show', 'stray'], ['show', '--what'], ['show', '--what', 'tea', '--colour', 'red'], ['show'], ['toString']]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(EXIT.usage);
      expect(r.err, args.join(' ')).toContain(cli.usage);
      expect(r.out).toBe('');
    }
    expect((await run('show')).err).toBe(`--what is required\n${cli.usage}\n`);
    expect((await run('show', '--colour')).err).toMatch(/^Unknown option '--colour'/);
  });

  it('prints a failure the one way and exits 1: a setup problem whole, anything else safely', async () => {
    expect(await run('setup')).toEqual({ code: EXIT.failed, out: '', err: 'first problem\nsecond problem\n' });
    const broken = await run('broken');
    expect(broken.code).toBe(EXIT.failed);
    expect(broken.err).toMatch(/^lianxin demo: \{"type":"Error","message":"boom: /);
    expect(broken.err).not.toContain('13812345678');
    expect(broken.err).not.toContain('more');
  });
});
