import { and, asc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { channelIdentities, chatGroups, replyWindows, volunteers } from '../../../db/schema.js';
import type { StationTree } from '../stations/tree.js';

// === Who hears of a service day: every bound volunteer group, and on a channel without groups
// (WeChat) each approved volunteer privately while the platform lets the bot write to them

/** A channel with no groups for us, whose volunteers are reminded privately within its reply window. */
export interface PrivateReminderChannel {
  channel: string;
  /** The platform's rule: messages only this long after the person last wrote, at most `perMessage` per message of theirs. */
  windowMs: number;
  perMessage: number;
}

/** One chat a reminder goes to, and the station whose planned events it lists. */
export interface ReminderTarget {
  channel: string;
  chatId: string;
  stationId: number;
  /** The station's code and those below it: the events a reminder lists. */
  stationCodes: string[];
  stationName: string;
}

/**
 * Every bound group (one per chat), then the volunteers of each private channel: approved, the
 * account not blocked, and whose reply window is open now with a message to spare — outside it a
 * reminder would be held and reach them after the day, so it is not written.
 */
export async function reminderTargets(db: Db, tree: StationTree, privateChannels: readonly PrivateReminderChannel[], now: Date): Promise<ReminderTarget[]> {
  const target = (channel: string, chatId: string, stationId: number): ReminderTarget | null => {
    const station = tree.byId(stationId);
    if (!station) return null;
    return { channel, chatId, stationId, stationName: station.name, stationCodes: tree.under([stationId]).map((s) => s.code) };
  };
  const groups = await db
    .select({ channel: chatGroups.channel, chatId: chatGroups.chatId, stationId: chatGroups.stationId })
    .from(chatGroups)
    .orderBy(asc(chatGroups.channel), asc(chatGroups.chatId));
  const out = groups.map((g) => target(g.channel, g.chatId, g.stationId));
  for (const pc of privateChannels) {
    const people = await db
      .select({ chatId: channelIdentities.externalId, stationId: volunteers.stationId })
      .from(volunteers)
      .innerJoin(channelIdentities, and(eq(channelIdentities.personId, volunteers.personId), eq(channelIdentities.channel, pc.channel)))
      .innerJoin(replyWindows, and(eq(replyWindows.channel, pc.channel), eq(replyWindows.chatId, channelIdentities.externalId)))
      .where(
        and(
          eq(volunteers.status, 'approved'),
          isNull(channelIdentities.blockedAt),
          gt(replyWindows.lastInboundAt, new Date(now.getTime() - pc.windowMs)),
          lt(replyWindows.sentSinceInbound, pc.perMessage),
        ),
      )
      .orderBy(asc(channelIdentities.externalId), sql`${volunteers.personId}`);
    out.push(...people.map((p) => target(pc.channel, p.chatId, p.stationId)));
  }
  return out.filter((t): t is ReminderTarget => t !== null);
}
