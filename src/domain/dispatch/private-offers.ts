import { and, eq, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { announcements, outbox, privateOffers, requests, volunteers } from '../../../db/schema.js';
import type { OutgoingPayload } from '../../core/message.js';
import { PRIORITY } from '../../core/outbox.js';
import { redactForGroup } from '../../core/privacy.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import type { StationTree } from '../stations/tree.js';
import type { RequestView } from './request-view.js';
import { firstPrivateChat } from '../people/roles.js';

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
 * resident, not offered it yet. (A condition on `volunteers`.)
 */
function candidate(tree: StationTree, r: RequestView, level: number, at: Date) {
  const chain = tree.chain(r.stationId);
  const top = chain[Math.min(level, chain.length - 1)] ?? r.stationId;
  const area = tree.under([top]).map((s) => s.id);
  if (area.length === 0) return null;
  return and(
    eq(volunteers.status, 'approved'),
    or(isNull(volunteers.suspendedUntil), lte(volunteers.suspendedUntil, at)),
    inArray(volunteers.taskAlerts, r.urgent ? ['on', 'urgent'] : ['on']),
    inArray(volunteers.stationId, area),
    or(sql`${volunteers.skills} @> ${JSON.stringify([r.classCode])}::jsonb`, sql`${volunteers.skills} @> ${JSON.stringify([r.itemCode])}::jsonb`),
    ne(volunteers.personId, r.residentId),
    sql`not exists (select 1 from ${privateOffers} where ${privateOffers.requestId} = ${r.id} and ${privateOffers.personId} = ${volunteers.personId})`,
  );
}

/**
 * Offers an open request privately to up to `max` more volunteers at `level` (0: its own community; 1:
 * its town; …), each once (`offer:<request>:<person>`), recorded in `private_offers` so that only they
 * may take it in private chat. Fewest active tasks first, then the earliest registered. Each is reached
 * in the chat `privateChatsOf` puts first; a volunteer whose every account is marked blocked is passed
 * over, and so is one whose chat is on a channel where a group got the card (they are reached there).
 * One statement, however many volunteers there are. Offers are never edited afterwards (WeChat cannot
 * edit). Returns how many were made.
 */
export async function offerPrivately(tx: Db, tree: StationTree, r: RequestView, level: number, at: Date, max = PRIVATE_OFFERS_PER_LEVEL): Promise<number> {
  const fits = candidate(tree, r, level, at);
  if (r.status !== 'open' || max <= 0 || !fits) return 0;
  const activeTasks = sql`(select count(*) from ${requests} where ${requests.volunteerId} = ${volunteers.personId} and ${requests.status} in ('claimed', 'in_progress'))`;
  const made = sql`(select count(*)::int from ${privateOffers} where ${privateOffers.requestId} = ${r.id} and ${privateOffers.level} = ${level})`;
  const dedup = `offer:${r.id}:`;
  const when = sql`${at.toISOString()}::timestamptz`;
  const result = await tx.execute(sql`with chosen as (
      select ${volunteers.personId} as person_id, chat.channel, chat.chat_id
      from ${volunteers} cross join lateral (${firstPrivateChat(tx, volunteers.personId)}) chat
      where ${fits} and not chat.blocked
        and chat.channel not in (select ${announcements.channel} from ${announcements} where ${announcements.requestId} = ${r.id})
      order by ${activeTasks}, ${volunteers.createdAt}, ${volunteers.personId}
      limit greatest(${max} - ${made}, 0)
    ), queued as (
      insert into ${outbox} (channel, chat_id, payload, dedup_key, priority, created_at, next_attempt_at)
      select channel, chat_id, ${JSON.stringify(offerPayload(r))}::jsonb, ${dedup} || person_id, ${PRIORITY.conversation}, ${when}, ${when} from chosen
      on conflict do nothing
      returning id, dedup_key
    )
    insert into ${privateOffers} (request_id, person_id, channel, chat_id, level, outbox_id, at)
    select ${r.id}, c.person_id, c.channel, c.chat_id, ${level}, q.id, ${when}
    from chosen c left join queued q on q.dedup_key = ${dedup} || c.person_id
    on conflict do nothing
    returning person_id`);
  // PGlite answers { rows }, postgres.js an array.
  return (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows).length;
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
