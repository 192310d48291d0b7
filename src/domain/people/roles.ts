import { type AnyColumn, and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, lockKey } from '../../../db/client.js';
import { channelIdentities, organizers, people, replyWindows } from '../../../db/schema.js';
import type { OutgoingPayload } from '../../core/message.js';
import { enqueueMessages } from '../../core/outbox.js';
import type { StationTree } from '../stations/tree.js';
import { recordAudit, rightsOf } from './audit.js';

// === Who may do what: organizers (per station, inherited downwards), and how to reach them privately

/** True when the person organizes this station or one above it. Checked on every organizer command. */
export async function isOrganizerOf(tx: Db, tree: StationTree, personId: number, stationId: number): Promise<boolean> {
  const rows = await tx
    .select({ stationId: organizers.stationId })
    .from(organizers)
    .where(and(eq(organizers.personId, personId), inArray(organizers.stationId, tree.chain(stationId))));
  return rows.length > 0;
}

/** True when the person organizes any station. */
export async function isOrganizer(tx: Db, personId: number): Promise<boolean> {
  const rows = await tx.select({ s: organizers.stationId }).from(organizers).where(eq(organizers.personId, personId)).limit(1);
  return rows.length > 0;
}

/**
 * Makes the person organizer of the station and records it in the audit log; false (and nothing
 * recorded) when they already were. Who may do this is the caller's to check.
 */
export async function grantOrganizer(tx: Db, personId: number, stationId: number, grantedBy: number | null, at: Date): Promise<boolean> {
  const before = await rightsOf(tx, personId);
  const added = await tx
    .insert(organizers)
    .values({ personId, stationId, grantedBy, createdAt: at })
    .onConflictDoNothing()
    .returning({ personId: organizers.personId });
  if (added.length === 0) return false;
  const after = await rightsOf(tx, personId);
  await recordAudit(tx, { at, actorId: grantedBy, action: 'grant_organizer', subjectId: personId, stationIds: [stationId], before: [before], after: [after] });
  return true;
}

/** Private chats of the organizers responsible for a station (its own and those above), for notices. */
export async function organizerChatsFor(tx: Db, tree: StationTree, stationId: number): Promise<{ channel: string; chatId: string }[]> {
  const rows = await tx
    .selectDistinct({ channel: channelIdentities.channel, chatId: channelIdentities.externalId })
    .from(organizers)
    .innerJoin(channelIdentities, eq(channelIdentities.personId, organizers.personId))
    .where(inArray(organizers.stationId, tree.chain(stationId)));
  return rows;
}

/** Tells organizers responsible for a station, privately. */
export async function tellOrganizers(tx: Db, tree: StationTree, stationId: number, text: string, at: Date, dedupKey?: string) {
  await tellOrganizersWithChoices(tx, tree, stationId, { text }, at, dedupKey);
}

export async function tellOrganizersWithChoices(tx: Db, tree: StationTree, stationId: number, payload: OutgoingPayload, at: Date, dedupKey?: string) {
  const chats = await organizerChatsFor(tx, tree, stationId);
  await enqueueMessages(
    tx,
    chats.map((c) => ({ ...c, payload, ...(dedupKey ? { dedupKey: `${dedupKey}:${c.channel}:${c.chatId}` } : {}) })),
    at,
  );
}

/**
 * A person's private chats, the best first: the one they wrote in most recently (`reply_windows`,
 * written at every private message), then the oldest account; accounts marked blocked last.
 */
export async function privateChatsOf(tx: Db, personId: number): Promise<{ channel: string; chatId: string; blocked: boolean }[]> {
  return chatsInOrder(tx, personId);
}

/**
 * The chat `privateChatsOf` puts first for the person whose id is `personId` (a column of an outer
 * query), as a lateral subquery with the columns `channel`, `chat_id` and `blocked`.
 */
export function firstPrivateChat(tx: Db, personId: AnyColumn) {
  return chatsInOrder(tx, personId).limit(1);
}

function chatsInOrder(tx: Db, personId: number | AnyColumn) {
  return tx
    .select({
      channel: channelIdentities.channel,
      chatId: sql<string>`${channelIdentities.externalId}`.as('chat_id'),
      blocked: sql<boolean>`${channelIdentities.blockedAt} is not null`.as('blocked'),
    })
    .from(channelIdentities)
    .leftJoin(replyWindows, and(eq(replyWindows.channel, channelIdentities.channel), eq(replyWindows.chatId, channelIdentities.externalId)))
    .where(eq(channelIdentities.personId, personId))
    .orderBy(
      sql`${channelIdentities.blockedAt} is not null`,
      sql`${replyWindows.lastInboundAt} desc nulls last`,
      asc(channelIdentities.createdAt),
      asc(channelIdentities.channel),
      asc(channelIdentities.externalId),
    );
}

/**
 * The private chat that reaches a person, if any: the channel they wrote in most recently; an account
 * marked blocked only when they have no other.
 */
export async function privateChatOf(tx: Db, personId: number): Promise<{ channel: string; chatId: string } | undefined> {
  const [best] = await privateChatsOf(tx, personId);
  return best && { channel: best.channel, chatId: best.chatId };
}

/**
 * Makes the accounts in `ORGANIZERS` (`telegram:123,wechat:wxid_abc`) organizers of the root station,
 * creating their person records if they have not written yet.
 */
export async function bootstrapOrganizers(db: Db, accounts: { channel: string; externalId: string }[], rootStationId: number, at: Date) {
  await db.transaction(async (tx) => {
    await lockKey(tx, 'bootstrap-organizers'); // several instances may start at once
    for (const a of accounts) {
      const [identity] = await tx
        .select()
        .from(channelIdentities)
        .where(and(eq(channelIdentities.channel, a.channel), eq(channelIdentities.externalId, a.externalId)));
      let personId = identity?.personId;
      if (!personId) {
        const [p] = await tx.insert(people).values({ displayName: '组织者' }).returning({ id: people.id });
        personId = p!.id;
        await tx.insert(channelIdentities).values({ channel: a.channel, externalId: a.externalId, personId });
      }
      await grantOrganizer(tx, personId, rootStationId, null, at);
    }
  });
}

/** Every station an organizer is responsible for (their stations and all below). */
export async function stationsOfOrganizer(tx: Db, tree: StationTree, personId: number): Promise<number[]> {
  const own = await tx.select({ stationId: organizers.stationId }).from(organizers).where(eq(organizers.personId, personId));
  return tree.under(own.map((o) => o.stationId)).map((s) => s.id);
}
