import { and, asc, eq, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { announcements, privateOffers, requests, volunteers } from '../../../db/schema.js';
import type { OutgoingPayload } from '../../core/message.js';
import { enqueueMessages } from '../../core/outbox.js';
import { redactForGroup } from '../../core/privacy.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import type { StationTree } from '../stations/tree.js';
import type { RequestView } from './request-view.js';
import { privateChatsOf } from '../people/roles.js';

// === Tasks offered to volunteers one to one, beside the group cards (channels without groups: WeChat)

/** How many volunteers a request is offered to privately at each escalation level, unless told otherwise. */
export const PRIVATE_OFFERS_PER_LEVEL = 5;

/** The private offer of a task: what and where (the community only), a claim button, a notice for template messages. */
export function offerPayload(r: RequestView): OutgoingPayload {
  const wantedTime = redactForGroup(r.wantedTime);
  return {
    text: t.offerCard({
      ticket: r.ticket,
      className: r.className ?? '',
      itemName: r.itemName ?? '',
      community: r.community,
      wantedTime,
      description: redactForGroup(r.description).slice(0, 120),
      urgent: r.urgent,
    }),
    choices: [{ id: `claim:${r.ticket}`, label: t.claimButton }],
    notice: {
      kind: 'task_offered',
      fields: { ticket: r.ticket, service: r.itemName ?? '', community: r.community, time: wantedTime, status: t.noticeStatus.offered },
    },
  };
}

/**
 * Volunteers who may be offered a request at a level: approved, not suspended, alerts on (or urgent
 * ones only, for an urgent request), of a station under `chain[level]`, with a fitting skill, not the
 * resident, not offered it yet. Fewest active tasks first, then the earliest registered.
 */
async function candidates(tx: Db, tree: StationTree, r: RequestView, level: number, at: Date) {
  const chain = tree.chain(r.stationId);
  const top = chain[Math.min(level, chain.length - 1)] ?? r.stationId;
  const area = tree.under([top]).map((s) => s.id);
  if (area.length === 0) return [];
  const activeTasks = sql<number>`(select count(*) from ${requests} where ${requests.volunteerId} = ${volunteers.personId} and ${requests.status} in ('claimed', 'in_progress'))`;
  return tx
    .select({ personId: volunteers.personId })
    .from(volunteers)
    .where(
      and(
        eq(volunteers.status, 'approved'),
        or(isNull(volunteers.suspendedUntil), lte(volunteers.suspendedUntil, at)),
        inArray(volunteers.taskAlerts, r.urgent ? ['on', 'urgent'] : ['on']),
        inArray(volunteers.stationId, area),
        or(sql`${volunteers.skills} @> ${JSON.stringify([r.classCode])}::jsonb`, sql`${volunteers.skills} @> ${JSON.stringify([r.itemCode])}::jsonb`),
        ne(volunteers.personId, r.residentId),
        sql`not exists (select 1 from ${privateOffers} where ${privateOffers.requestId} = ${r.id} and ${privateOffers.personId} = ${volunteers.personId})`,
      ),
    )
    .orderBy(activeTasks, asc(volunteers.createdAt), asc(volunteers.personId))
    .limit(500);
}

/**
 * Offers an open request privately to up to `max` more volunteers at `level` (0: its own community; 1:
 * its town; …), each once (`offer:<request>:<person>`), recorded in `private_offers` so that only they
 * may take it in private chat. A volunteer whose every account is marked blocked is passed over, and
 * so is one whose chat is on a channel where a group got the card (they are reached there).
 * Offers are never edited afterwards (WeChat cannot edit). Returns how many were made.
 */
export async function offerPrivately(tx: Db, tree: StationTree, r: RequestView, level: number, at: Date, max = PRIVATE_OFFERS_PER_LEVEL): Promise<number> {
  if (r.status !== 'open' || max <= 0) return 0;
  // The offers made at this level, and the channels whose groups got the card (their volunteers are
  // reached there: privately only where a channel has no group), in one statement.
  const [facts] = await tx
    .select({
      made: sql<number>`(select count(*)::int from ${privateOffers} where ${privateOffers.requestId} = ${r.id} and ${privateOffers.level} = ${level})`,
      carded: sql<string | null>`(select string_agg(distinct ${announcements.channel}, ',') from ${announcements} where ${announcements.requestId} = ${r.id})`,
    })
    .from(requests)
    .where(eq(requests.id, r.id));
  let room = max - Number(facts?.made ?? 0);
  if (room <= 0) return 0;
  const payload = offerPayload(r);
  const carded = new Set(facts?.carded ? facts.carded.split(',') : []);
  let offered = 0;
  for (const c of await candidates(tx, tree, r, level, at)) {
    if (room <= 0) break;
    const [chat] = await privateChatsOf(tx, c.personId);
    if (!chat || chat.blocked || carded.has(chat.channel)) continue;
    const target = { channel: chat.channel, chatId: chat.chatId };
    const [outboxId] = await enqueueMessages(tx, [{ ...target, payload, dedupKey: `offer:${r.id}:${c.personId}` }], at);
    const row = await tx
      .insert(privateOffers)
      .values({ requestId: r.id, personId: c.personId, ...target, level, outboxId: outboxId ?? null, at })
      .onConflictDoNothing()
      .returning({ personId: privateOffers.personId });
    if (row.length === 0) continue;
    offered++;
    room--;
  }
  return offered;
}

/** The offer of a request (by ticket) made to a person, if there is one. */
export async function offerOf(tx: Db, ticket: string, personId: number) {
  const [row] = await tx
    .select({ requestId: privateOffers.requestId })
    .from(privateOffers)
    .innerJoin(requests, eq(requests.id, privateOffers.requestId))
    .where(and(eq(requests.ticket, ticket), eq(privateOffers.personId, personId)));
  return row;
}
