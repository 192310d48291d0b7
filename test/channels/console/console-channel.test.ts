import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleChannel } from '../../../src/channels/console/console-channel.js';
import type { IncomingMessage } from '../../../src/core/message.js';

/** A stream that says it is a terminal, as process.stdin/stdout do in an interactive shell. */
function fakeTty() {
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    isRaw: false,
    setRawMode(mode: boolean) {
      input.isRaw = mode;
      return input;
    },
  });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80, rows: 24 });
  let shown = '';
  output.on('data', (d) => (shown += String(d)));
  // eslint-disable-next-line no-control-regex
  const plain = () => shown.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  return { input, output, shown: () => shown, plain };
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

function channel(io: { input: PassThrough; output: PassThrough }, interactive: boolean, received: IncomingMessage[]) {
  const ch = createConsoleChannel({
    input: io.input,
    output: io.output,
    interactive,
    handle: async (msg) => {
      received.push(msg);
      await ch.sender.send('local', { text: '好的' });
    },
  });
  return ch;
}

describe('console channel in a terminal', () => {
  it('shows a prompt and what the person types, then the answer', async () => {
    const tty = fakeTty();
    const received: IncomingMessage[] = [];
    const ch = channel(tty, true, received);
    const done = ch.run();
    await tick();
    expect(tty.plain()).toBe('您：');
    for (const c of '电视坏了') tty.input.write(c);
    await tick();
    // Echoed as typed, before Enter (the old line editor had no output: nothing was shown).
    expect(tty.plain()).toContain('您：电视坏了');
    expect(received).toHaveLength(0);
    tty.input.write('\r');
    await tick();
    expect(received.map((m) => m.content)).toEqual([{ kind: 'text', text: '电视坏了' }]);
    const text = tty.plain();
    expect(text.indexOf('电视坏了')).toBeLessThan(text.indexOf('连心桥：好的'));
    expect(text.trimEnd().endsWith('您：')).toBe(true);
    expect(tty.input.isRaw).toBe(true);
    tty.input.write('\x04'); // Ctrl+D on an empty line
    await done;
    expect(tty.input.isRaw).toBe(false);
  });

  it('keeps a half-typed line when a message arrives, and sends it whole', async () => {
    const tty = fakeTty();
    const received: IncomingMessage[] = [];
    const ch = channel(tty, true, received);
    const done = ch.run();
    await tick();
    tty.input.write('电视');
    await tick();
    await ch.sender.send('local', { text: '志愿者已接单' });
    const after = tty.plain().slice(tty.plain().indexOf('志愿者已接单'));
    // The message is on its own line and the prompt with the typed part is shown again below it.
    expect(after).toMatch(/^志愿者已接单\n您：电视$/);
    tty.input.write('坏了\r');
    await tick();
    expect(received.map((m) => m.content)).toEqual([{ kind: 'text', text: '电视坏了' }]);
    tty.input.write('\x04');
    await done;
  });

  it('ends the conversation on Ctrl+C, which the line editor reads in raw mode (no signal comes)', async () => {
    const tty = fakeTty();
    const ch = channel(tty, true, []);
    const done = ch.run();
    await tick();
    tty.input.write('\x03');
    const ended = await Promise.race([done.then(() => 'ended'), tick(1000).then(() => 'still reading')]);
    expect(ended).toBe('ended');
  });

  it('stop() ends reading and waits for the message in hand', async () => {
    const tty = fakeTty();
    let finish = () => {};
    const handled: string[] = [];
    const ch = createConsoleChannel({
      input: tty.input,
      output: tty.output,
      interactive: true,
      handle: async (msg) => {
        await new Promise<void>((r) => (finish = r));
        handled.push(msg.content.kind === 'text' ? msg.content.text : '');
      },
    });
    const done = ch.run();
    tty.input.write('你好\r');
    await tick();
    let stopped = false;
    const stopping = ch.stop().then(() => (stopped = true));
    await tick();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await done;
    expect(handled).toEqual(['你好']);
    tty.input.write('再见\r');
    await tick();
    expect(handled).toEqual(['你好']);
  });
});

describe('console channel with piped input', () => {
  it('writes each line after 您： as it is read, with no prompt or terminal codes', async () => {
    const io = { input: new PassThrough(), output: new PassThrough() };
    let shown = '';
    io.output.on('data', (d) => (shown += String(d)));
    const received: IncomingMessage[] = [];
    const done = channel(io, false, received).run();
    io.input.end('电视坏了\n\n1\n');
    await done;
    expect(shown).toBe('您：电视坏了\n连心桥：好的\n您：1\n连心桥：好的\n');
    expect(received).toHaveLength(2);
  });
});
