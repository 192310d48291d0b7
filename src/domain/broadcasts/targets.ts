import { and, asc, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { channelIdentities, chatGroups, organizers, volunteers } from '../../../db/schema.js';
import type { StationTree } from '../stations/tree.js';

// === Who a broadcast reaches: bound groups, and volunteers on a channel where none of those groups is

/** One place a broadcast goes to. */
export interface BroadcastTarget {
  channel: string;
  chatId: string;
  /** A bound group chat; false for a volunteer reached privately (WeChat has no groups for us). */
  isGroup: boolean;
}

/**
 * The groups bound to the stations or any station below them (once each, whatever skill they are
 * bound for), then the approved volunteers of those stations whose channel has none of those groups
 * (WeChat), reached in private chat — one account each, never an account marked blocked.
 */
export async function broadcastTargets(tx: Db, tree: StationTree, stationIds: readonly number[]): Promise<BroadcastTarget[]> {
  const ids = tree.under(stationIds).map((s) => s.id);
  if (ids.length === 0) return [];
  const groups = await tx
    .selectDistinct({ channel: chatGroups.channel, chatId: chatGroups.chatId })
    .from(chatGroups)
    .where(inArray(chatGroups.stationId, ids))
    .orderBy(asc(chatGroups.channel), asc(chatGroups.chatId));
  const groupChannels = [...new Set(groups.map((g) => g.channel))];
  const people = await tx
    .selectDistinctOn([volunteers.personId], { channel: channelIdentities.channel, chatId: channelIdentities.externalId })
    .from(volunteers)
    .innerJoin(channelIdentities, eq(channelIdentities.personId, volunteers.personId))
    .where(
      and(
        eq(volunteers.status, 'approved'),
        inArray(volunteers.stationId, ids),
        isNull(channelIdentities.blockedAt),
        ...(groupChannels.length > 0 ? [notInArray(channelIdentities.channel, groupChannels)] : []),
      ),
    )
    .orderBy(asc(volunteers.personId), asc(channelIdentities.createdAt));
  return [...groups.map((g) => ({ ...g, isGroup: true })), ...people.map((p) => ({ ...p, isGroup: false }))];
}

/** How many groups and private chats the targets are. */
export function countTargets(targets: readonly BroadcastTarget[]): { groups: number; privateChats: number } {
  const groups = targets.filter((t) => t.isGroup).length;
  return { groups, privateChats: targets.length - groups };
}

/** The stations a person organizes directly, top ones only (one below another is covered by it), in tree order. */
export async function organizedRoots(tx: Db, tree: StationTree, personId: number): Promise<{ id: number; name: string }[]> {
  const own = new Set((await tx.select({ id: organizers.stationId }).from(organizers).where(eq(organizers.personId, personId))).map((r) => r.id));
  return tree
    .all()
    .filter(
      (s) =>
        own.has(s.id) &&
        !tree
          .chain(s.id)
          .slice(1)
          .some((up) => own.has(up)),
    )
    .map((s) => ({ id: s.id, name: s.name }));
}
