import type { Db } from '../../../db/client.js';
import { broadcasts, broadcastTargets as targetRows } from '../../../db/schema.js';
import { enqueueKeyed } from '../../core/outbox.js';
import { isOrganizerOf } from '../people/roles.js';
import type { StationTree } from '../stations/tree.js';
import { broadcastTargets } from './targets.js';

// === Storing a confirmed broadcast: the broadcast, one bulk outbox row per target, in one transaction

export interface NewBroadcast {
  organizerId: number;
  stationIds: number[];
  text: string;
  /** The organizer's private chat: the delivery report goes there. */
  channel: string;
  chatId: string;
  at: Date;
}

/** The outbox key of a broadcast's message to one chat: the same target is never queued twice. */
export const broadcastKey = (id: number, channel: string, chatId: string) => `broadcast:${id}:${channel}:${chatId}`;

export type CreateResult = { ok: true; id: number; targets: number } | { ok: false; reason: 'not_organizer' | 'no_targets' };

/**
 * Checks on the server that the organizer organizes every chosen station, then stores the broadcast,
 * its targets and one bulk outbox row per target (`dedupKey` = broadcast id + target), all in `tx`.
 */
export async function createBroadcast(tx: Db, tree: StationTree, b: NewBroadcast): Promise<CreateResult> {
  if (b.stationIds.length === 0) return { ok: false, reason: 'no_targets' };
  for (const id of b.stationIds) if (!(await isOrganizerOf(tx, tree, b.organizerId, id))) return { ok: false, reason: 'not_organizer' };
  const targets = await broadcastTargets(tx, tree, b.stationIds);
  if (targets.length === 0) return { ok: false, reason: 'no_targets' };
  const [row] = await tx
    .insert(broadcasts)
    .values({ organizerId: b.organizerId, stationIds: b.stationIds, text: b.text, channel: b.channel, chatId: b.chatId, createdAt: b.at })
    .returning({ id: broadcasts.id });
  const id = row!.id;
  const ids = await enqueueKeyed(
    tx,
    targets.map((t) => ({ channel: t.channel, chatId: t.chatId, payload: { text: b.text }, dedupKey: broadcastKey(id, t.channel, t.chatId), bulk: true })),
    b.at,
  );
  const rows = targets.map((t) => ({
    broadcastId: id,
    channel: t.channel,
    chatId: t.chatId,
    isGroup: t.isGroup,
    outboxId: ids.get(broadcastKey(id, t.channel, t.chatId))!,
  }));
  for (let i = 0; i < rows.length; i += 5000) await tx.insert(targetRows).values(rows.slice(i, i + 5000));
  return { ok: true, id, targets: targets.length };
}
