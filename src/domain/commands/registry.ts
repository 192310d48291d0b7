import type { CommandHook } from '../../core/flow-runner.js';
import type { IncomingMessage } from '../../core/message.js';
import { enqueueMessages } from '../../core/outbox.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import { isOrganizer } from '../people/roles.js';
import { volunteerOf } from '../volunteers/registration.js';
import type { CommandContext } from './context.js';

// === The command registry: each command declares its words, where and by whom it may be used, and its handler

/** Where a command may be used. */
export type Place = 'group' | 'private';

/** Who may use a command: anyone, someone registered as a volunteer (any status), or an organizer of some station. */
export type Role = 'anyone' | 'volunteer' | 'organizer';

/** What a message said to a command. */
export interface CommandInput {
  /** The slash form or word it began with (`/claim`, `出发`), or the pressed button's id. */
  form: string;
  /** A button was pressed (`buttons` matched), not text typed. */
  pressed: boolean;
  /** The match of `args` (typed) or `buttons` (pressed): groups are what the command reads. */
  match: RegExpExecArray | null;
  /** What followed the word, split at spaces. */
  args: string[];
}

/** One command: how it is said, where and by whom, and what it does. */
export interface Command {
  /** A short name, unique in the list (logs and tests). */
  name: string;
  /**
   * Slash forms, lower case (`/pending`); matched whatever the case typed. A bot's name after one
   * (`/pending@lianxin_bot`) is the channel's to strip (Telegram's `updates.ts`): here it is no command.
   */
  slash?: readonly string[];
  /** Words people type (`接单`, `我的信息`). */
  words?: readonly string[];
  /** What may follow the slash form or word (the rest of the text, matched whole); default nothing. */
  args?: RegExp;
  /** What may follow the words, when it differs from `args`. */
  wordArgs?: RegExp;
  /** The ids of buttons that are this command. */
  buttons?: RegExp;
  /** A shared location is this command. */
  location?: boolean;
  /** Every message in its places is this command (the unbound group's notice): its `run` decides. */
  anyMessage?: boolean;
  where: readonly Place[];
  who: Role;
  /** What someone not allowed is told in a private chat (default: the role's refusal, `ROLE_REFUSALS`). */
  refusal?: string;
  /** Its words are ordinary words too: someone not allowed is not refused, their message goes on (to the flows). */
  ordinaryWords?: boolean;
  /** A command of groups typed in a private chat: the words, followed by `args`, are answered with `text`. */
  elsewhere?: { text: string; args: RegExp };
  /** Does it; false when the message turns out not to be its own after all (the next command gets it). */
  run(ctx: CommandContext, input: CommandInput): Promise<boolean | void> | boolean | void;
}

/** Nothing follows the word. */
export const NO_ARGS = /^$/;
/** Any words, after a space (`/assign 单号 编号`); read them as `input.args`. */
export const ANY_ARGS = /^(?:\s+(.*))?$/s;

/** The refusal of each role, for a command that names no other. */
export const ROLE_REFUSALS: Record<Exclude<Role, 'anyone'>, string> = {
  volunteer: t.notAVolunteer,
  organizer: t.notOrganizer,
};

/** A button that runs a command again as if typed: `cmd:/bind 330402011015`. */
export const COMMAND_CHOICE = 'cmd:';

const splitArgs = (rest: string) => rest.trim().split(/\s+/).filter(Boolean);

/** The command's slash form or word at the start of `text`, and the rest matched by `args`; null when it is not. */
function readText(cmd: Command, text: string, args: { slash?: RegExp; words?: RegExp }): CommandInput | null {
  const lower = text.toLowerCase();
  const forms = [
    ...(args.slash ? (cmd.slash ?? []).map((form) => ({ form, shape: args.slash!, at: lower })) : []),
    ...(args.words ? (cmd.words ?? []).map((form) => ({ form, shape: args.words!, at: text })) : []),
  ];
  for (const { form, shape, at } of forms) {
    if (!at.startsWith(form)) continue;
    const rest = text.slice(form.length);
    const match = shape.exec(rest);
    if (match) return { form, pressed: false, match, args: splitArgs(rest) };
  }
  return null;
}

/** What `content` says to `cmd` in its own shape; null when it is not this command. */
export function readCommand(cmd: Command, content: IncomingMessage['content']): CommandInput | null {
  if (content.kind === 'choice') {
    const match = cmd.buttons?.exec(content.choiceId);
    return match ? { form: content.choiceId, pressed: true, match, args: [] } : null;
  }
  if (content.kind === 'location') return cmd.location ? { form: 'location', pressed: false, match: null, args: [] } : null;
  if (content.kind === 'text') {
    const input = readText(cmd, content.text.trim(), { slash: cmd.args ?? NO_ARGS, words: cmd.wordArgs ?? cmd.args ?? NO_ARGS });
    if (input) return input;
  }
  return cmd.anyMessage ? { form: '', pressed: false, match: null, args: [] } : null;
}

/** Whether the writer has the command's role (asked of the database each time). */
async function allowed(ctx: CommandContext, who: Role): Promise<boolean> {
  if (who === 'organizer') return isOrganizer(ctx.tx, ctx.person.id);
  if (who === 'volunteer') return (await volunteerOf(ctx.tx, ctx.person.id)) !== undefined;
  return true;
}

/**
 * One command tried on a message: not its own → false. Its own in the wrong place: in a group nothing
 * (false: others may take it); in a private chat its `elsewhere` answer. Its own from someone not
 * allowed: in a group taken silently (never refused in front of the group); in a private chat refused
 * with the command's requirement, or left to the flows for its ordinary words. Else it runs.
 */
export async function tryCommand(cmd: Command, ctx: CommandContext): Promise<boolean> {
  const place: Place = ctx.msg.isGroup ? 'group' : 'private';
  const content = ctx.msg.content;
  if (!cmd.where.includes(place)) {
    if (place === 'group' || !cmd.elsewhere || content.kind !== 'text') return false;
    if (!readText(cmd, content.text.trim(), { slash: cmd.elsewhere.args, words: cmd.elsewhere.args })) return false;
    ctx.reply(cmd.elsewhere.text);
    return true;
  }
  const input = readCommand(cmd, content);
  if (!input) return false;
  if (!(await allowed(ctx, cmd.who))) {
    if (place === 'group') return true;
    if (cmd.ordinaryWords && !input.pressed && !input.form.startsWith('/')) return false;
    ctx.reply(refusalOf(cmd));
    return true;
  }
  return (await cmd.run(ctx, input)) !== false;
}

/** What someone not allowed to use `cmd` is told. */
export const refusalOf = (cmd: Command): string => (cmd.who === 'anyone' ? '' : (cmd.refusal ?? ROLE_REFUSALS[cmd.who]));

/** What every command is given beside the message: the app's parts. */
export type CommandDeps = Pick<CommandContext, 'tree' | 'places' | 'hotline' | 'findSkill' | 'settings' | 'timeZone'>;

/** The context of one message for the commands (a button offered by a command runs it again as typed). */
export function commandContext(h: Parameters<CommandHook>[0], deps: CommandDeps): CommandContext {
  const c = h.msg.content;
  const msg =
    c.kind === 'choice' && c.choiceId.startsWith(COMMAND_CHOICE)
      ? { ...h.msg, content: { kind: 'text' as const, text: c.choiceId.slice(COMMAND_CHOICE.length) } }
      : h.msg;
  return {
    ...deps,
    tx: h.tx,
    person: h.person,
    msg,
    now: h.now,
    reply: (text, choices) => h.reply({ text, ...(choices ? { choices } : {}) }),
    notice: h.notice,
    tellPrivately: async (text) => {
      await enqueueMessages(h.tx, [{ channel: h.msg.channel, chatId: h.msg.userId, payload: { text } }], h.now);
    },
  };
}

/** The commands as the runner's hook: tried in their order, the first that takes the message wins. */
export function commandHook(commands: readonly Command[], deps: CommandDeps): CommandHook {
  const names = new Set(commands.map((c) => c.name));
  if (names.size !== commands.length) throw new Error('two commands have one name');
  return async (h) => {
    const ctx = commandContext(h, deps);
    for (const cmd of commands) if (await tryCommand(cmd, ctx)) return true;
    return false;
  };
}
