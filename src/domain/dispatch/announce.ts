import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { announcements, chatGroups, people, requests } from '../../../db/schema.js';
import type { Choice, OutgoingPayload } from '../../core/message.js';
import { enqueueMessages } from '../../core/outbox.js';
import { redactForGroup } from '../../core/privacy.js';
import { type CardState, dispatchTexts as t } from '../../texts/dispatch.js';
import { offerPrivately, PRIVATE_OFFERS_PER_LEVEL } from './private-offers.js';
import { type RequestView, requestView } from './request-view.js';
import { tellOrganizers } from '../people/roles.js';
import type { StationTree } from '../stations/tree.js';

// === Routing a request to volunteer groups, and the card that announces it

export { type RequestView, requestView };

/** The card shown in groups for a request in a given state: never the address, phone or any other contact. */
export function cardPayload(r: RequestView, state: CardState, volunteerName = ''): OutgoingPayload {
  // A name is typed by its owner, and may carry a contact (王师傅 vx wang1950) the group need not see.
  const name = redactForGroup(volunteerName);
  if (state === 'taken') return { text: t.cardTaken(r.ticket, name) };
  if (state === 'in_progress') return { text: t.cardInProgress(r.ticket, name) };
  if (state === 'done') return { text: t.cardDone(r.ticket, name) };
  if (state === 'cancelled') return { text: t.cardCancelled(r.ticket) };
  const choices: Choice[] = [{ id: `claim:${r.ticket}`, label: t.claimButton }];
  const text = t.card({
    ticket: r.ticket,
    className: r.className ?? '',
    itemName: r.itemName ?? '',
    community: r.community,
    wantedTime: redactForGroup(r.wantedTime),
    description: redactForGroup(r.description).slice(0, 120),
    urgent: r.urgent,
    hurry: r.remindedAt !== null,
  });
  return { text, choices };
}

/** Groups of one station that fit the request's skill (or take every skill). */
async function fittingGroups(tx: Db, stationId: number, r: Pick<RequestView, 'classCode' | 'itemCode'>) {
  return tx
    .select({ channel: chatGroups.channel, chatId: chatGroups.chatId })
    .from(chatGroups)
    .where(and(eq(chatGroups.stationId, stationId), or(isNull(chatGroups.skill), inArray(chatGroups.skill, [r.classCode, r.itemCode]))));
}

/**
 * Where a request is announced: the fitting groups of its station; if there are none, of the
 * nearest station above that has some. `fromLevel` starts the walk higher (escalation).
 */
export async function routeRequest(tx: Db, tree: StationTree, r: Pick<RequestView, 'stationId' | 'classCode' | 'itemCode'>, fromLevel = 0) {
  const chain = tree.chain(r.stationId);
  for (let level = fromLevel; level < chain.length; level++) {
    const groups = await fittingGroups(tx, chain[level]!, r);
    if (groups.length > 0) return { level, stationId: chain[level]!, groups };
  }
  return { level: chain.length - 1, stationId: chain.at(-1) ?? r.stationId, groups: [] as { channel: string; chatId: string }[] };
}

/** Posts the card in groups not yet reached; returns how many new groups got it. */
export async function postCards(tx: Db, r: RequestView, groups: { channel: string; chatId: string }[], level: number, at: Date): Promise<number> {
  let posted = 0;
  for (const g of groups) {
    const [exists] = await tx
      .select({ id: announcements.id })
      .from(announcements)
      .where(and(eq(announcements.requestId, r.id), eq(announcements.channel, g.channel), eq(announcements.chatId, g.chatId)));
    if (exists) continue;
    const [outboxId] = await enqueueMessages(tx, [{ ...g, payload: cardPayload(r, 'open'), dedupKey: `card:${r.id}:${g.channel}:${g.chatId}` }], at);
    if (outboxId === undefined) continue;
    await tx.insert(announcements).values({ requestId: r.id, channel: g.channel, chatId: g.chatId, level, cardOutboxId: outboxId, createdAt: at });
    posted++;
  }
  return posted;
}

/** Edits every card of a request to show its new state. */
export async function editCards(tx: Db, r: RequestView, state: CardState, volunteerName: string, at: Date) {
  const cards = await tx.select().from(announcements).where(eq(announcements.requestId, r.id));
  await enqueueMessages(
    tx,
    cards.map((c) => ({ channel: c.channel, chatId: c.chatId, payload: { ...cardPayload(r, state, volunteerName), editOf: c.cardOutboxId } })),
    at,
  );
}

/**
 * Announces a newly stored request: cards in the routed groups, and private offers to volunteers of its
 * own community (also when a group elsewhere got the card: they are the nearest). Organizers are alerted
 * when it is urgent, or when neither a card nor an offer went out.
 */
export async function announceRequest(
  tx: Db,
  tree: StationTree,
  requestId: number,
  emergencyWords: string[],
  at: Date,
  offersPerLevel = PRIVATE_OFFERS_PER_LEVEL,
) {
  const r = await requestView(tx, requestId);
  if (!r) return;
  const route = await routeRequest(tx, tree, r);
  const posted = await postCards(tx, r, route.groups, route.level, at);
  const offered = await offerPrivately(tx, tree, r, 0, at, offersPerLevel);
  // Without a card, the escalation starts at the community: each step widens the private offers.
  await tx
    .update(requests)
    .set({ escalationLevel: posted > 0 ? route.level : 0 })
    .where(eq(requests.id, r.id));
  if (r.urgent) await tellOrganizers(tx, tree, r.stationId, t.alertUrgent(r.ticket, r.community, emergencyWords.join('、') || '紧急'), at, `urgent:${r.id}`);
  if (posted === 0 && offered === 0) await tellOrganizers(tx, tree, r.stationId, t.alertNoGroup(r.ticket, r.community), at, `nogroup:${r.id}`);
}

/** Tells organizers at once that a resident used emergency words (station: their last request's, else the root). */
export async function alertEmergencyWords(tx: Db, tree: StationTree, personId: number, words: string[], at: Date) {
  const [person] = await tx.select({ name: people.displayName, phone: people.phone }).from(people).where(eq(people.id, personId));
  const [last] = await tx.select({ stationId: requests.stationId }).from(requests).where(eq(requests.residentId, personId)).orderBy(desc(requests.id)).limit(1);
  const stationId = last?.stationId ?? tree.root().id;
  await tellOrganizers(tx, tree, stationId, t.alertEmergencyWords(person?.name ?? '', words.join('、'), person?.phone ?? null), at);
}
