import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { chatGroups } from '../../../db/schema.js';
import type { Choice, IncomingMessage } from '../../core/message.js';
import type { FlowPerson } from '../../core/flow.js';
import { DEFAULT_TIME_ZONE } from '../calendar/civil.js';
import type { StationMatcher } from '../stations/matcher.js';
import type { StationTree } from '../stations/tree.js';

/** What a command handler gets: the open transaction, who wrote, and how to answer. */
export interface CommandContext {
  tx: Db;
  tree: StationTree;
  /** Stations by what organizers type (names, short forms, aliases, typos). */
  places: StationMatcher;
  person: FlowPerson;
  msg: IncomingMessage;
  now: Date;
  /** Answer in the chat the message came from. */
  reply(text: string, choices?: Choice[]): void;
  /** A short answer on the pressed button itself (channels without that send it to the chat). */
  notice(text: string): void;
  /** A message to the writer's private chat (e.g. a refusal that the group need not see). */
  tellPrivately(text: string): Promise<void>;
  /** The hotline's own number, for refusals that end in "call us". */
  hotline: string;
  /** A catalogue class or item by code or name. */
  findSkill(text: string): { code: string; name: string } | null;
  /** Dispatch timing, for listings. */
  settings: { remindMinutes: number; escalateMinutes: number };
  /** The zone dates are shown in (`TIME_ZONE`); read it with `timeZoneOf`. */
  timeZone?: string;
}

/** The zone a command shows dates in: the configured one (`DEFAULT_TIME_ZONE` for a context without). */
export const timeZoneOf = (ctx: Pick<CommandContext, 'timeZone'>): string => ctx.timeZone ?? DEFAULT_TIME_ZONE;

type ChatGroup = typeof chatGroups.$inferSelect;

const bindings = new WeakMap<CommandContext, Promise<ChatGroup | undefined>>();

/** The binding of the group a message came from (undefined for an unbound group), read once per message. */
export function groupBindingOf(ctx: CommandContext): Promise<ChatGroup | undefined> {
  let found = bindings.get(ctx);
  if (!found) {
    found = ctx.tx
      .select()
      .from(chatGroups)
      .where(and(eq(chatGroups.channel, ctx.msg.channel), eq(chatGroups.chatId, ctx.msg.chatId)))
      .then(([group]) => group);
    bindings.set(ctx, found);
  }
  return found;
}
