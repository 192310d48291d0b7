import { randomUUID } from 'node:crypto';
import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { IncomingMessage, OutgoingPayload } from '../../core/message.js';
import type { Sender } from '../../core/ports.js';

// === Console channel: a terminal chat in which the user is a resident

export interface ConsoleChannelOptions {
  input: Readable;
  output: Writable;
  /** A terminal: a line editor that shows what is typed, after a prompt. Otherwise lines are read until end of input. */
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

const PROMPT = '您：';

export function createConsoleChannel(options: ConsoleChannelOptions) {
  const { input, output, interactive } = options;
  const userId = options.userId ?? 'local';
  let rl: Interface | null = null;
  /** The prompt is shown and the person may be typing (interactive only). */
  let atPrompt = false;
  let running: Promise<void> | null = null;

  function write(text: string) {
    if (rl && atPrompt) {
      // A message that arrives while the person types goes above their line, which is shown again below.
      clearLine(output, 0);
      cursorTo(output, 0);
      output.write(`${text}\n`);
      rl.prompt(true);
    } else {
      output.write(`${text}\n`);
    }
  }

  const sender: Sender = {
    async send(_chatId, payload) {
      write(renderPayload(payload));
      return {};
    },
  };

  /**
   * Reads lines until end of input; each line is handled (and answered) before the next is read.
   * In a terminal, typed characters are shown by the line editor after a prompt, and Ctrl+C or
   * Ctrl+D ends the conversation; piped input is shown after `您：` as it is read.
   */
  async function loop(): Promise<void> {
    const editor = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, prompt: PROMPT, crlfDelay: Infinity });
    rl = editor;
    const ask = () => {
      if (!interactive) return;
      atPrompt = true;
      editor.prompt();
    };
    ask();
    for await (const line of editor) {
      atPrompt = false;
      if (line.trim() !== '') {
        if (!interactive) output.write(`${PROMPT}${line}\n`);
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
      ask();
    }
    atPrompt = false;
    rl = null;
    if (interactive) output.write('\n');
  }

  return {
    sender,
    run: () => (running ??= loop()),
    /** Ends the conversation: no more lines are read; resolves when the message in hand is answered. */
    async stop() {
      rl?.close();
      await running;
    },
  };
}
