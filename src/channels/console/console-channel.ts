import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { IncomingMessage, OutgoingPayload } from '../../core/message.js';
import type { Sender } from '../../core/ports.js';

// === Console channel: a terminal chat in which the user is a resident

export interface ConsoleChannelOptions {
  input: Readable;
  output: Writable;
  /** Interactive terminal: show a prompt. Otherwise read line by line until end of input. */
  interactive: boolean;
  /** Handles one message (the flow runner's `handle`); resolves after its replies were delivered. */
  handle: (msg: IncomingMessage) => Promise<unknown>;
  userId?: string;
  displayName?: string;
}

export const CONSOLE_CHANNEL = 'console';

/** Numbered choices as a list under the text. */
export function renderPayload(payload: OutgoingPayload): string {
  const lines = [`连心桥：${payload.text}`];
  for (const [i, c] of (payload.choices ?? []).entries()) lines.push(`  ${i + 1}. ${c.label}`);
  return lines.join('\n');
}

export function createConsoleChannel(options: ConsoleChannelOptions) {
  const { input, output, interactive } = options;
  const userId = options.userId ?? 'local';

  const sender: Sender = {
    async send(_chatId, payload) {
      output.write(`${renderPayload(payload)}\n`);
      return {};
    },
  };

  /** Reads lines until end of input; each line is handled (and answered) before the next is read. */
  async function run(): Promise<void> {
    const rl = createInterface({ input, terminal: interactive, crlfDelay: Infinity });
    const prompt = () => interactive && output.write('您：');
    prompt();
    for await (const line of rl) {
      if (line.trim() !== '') {
        if (!interactive) output.write(`您：${line}\n`);
        await options.handle({
          channel: CONSOLE_CHANNEL,
          chatId: userId,
          userId,
          displayName: options.displayName ?? '居民',
          isGroup: false,
          messageId: randomUUID(),
          content: { kind: 'text', text: line },
        });
      }
      prompt();
    }
    if (interactive) output.write('\n');
  }

  return { sender, run };
}
