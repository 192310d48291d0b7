import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { catalogueClasses, catalogueItems, chatGroups, eventCards, events, stations } from '../../../db/schema.js';
import type { OutgoingPayload } from '../../core/message.js';
import { enqueueMessages } from '../../core/outbox.js';
import { redactForGroup } from '../../core/privacy.js';
import { eventTexts as t } from '../../texts/events.js';
import type { StationTree } from '../stations/tree.js';
import { formatEventTime } from './time.js';

// === Events: storing one, the card that announces it in groups, and editing that card

/** What an organizer's flow gives to store (times as ISO instants). */
export interface NewEvent {
  title: string;
  startsAt: string;
  endsAt: string | null;
  place: string;
  latitude: number | null;
  longitude: number | null;
  stationCode: string;
  services: string[];
  cap: number | null;
}

/** An event with its station's code and name. */
export type EventView = typeof events.$inferSelect & { stationCode: string; stationName: string };

/** Without an end, an event counts as this long (check-in window, hours). */
const DEFAULT_EVENT_HOURS = 2;

/** The end that counts: the given end, or the start plus `DEFAULT_EVENT_HOURS`. */
export const effectiveEnd = (e: Pick<EventView, 'startsAt' | 'endsAt'>): Date => e.endsAt ?? new Date(e.startsAt.getTime() + DEFAULT_EVENT_HOURS * 3_600_000);

export async function eventView(tx: Db, id: number): Promise<EventView | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) return undefined;
  const [row] = await tx
    .select({ e: events, stationCode: stations.code, stationName: stations.name })
    .from(events)
    .innerJoin(stations, eq(stations.id, events.stationId))
    .where(eq(events.id, id));
  return row && { ...row.e, stationCode: row.stationCode, stationName: row.stationName };
}

/** Names of catalogue class or item codes, joined with 、. */
async function serviceNames(tx: Db, codes: string[]): Promise<string> {
  if (codes.length === 0) return '';
  const classes = await tx
    .select({ code: catalogueClasses.code, name: catalogueClasses.name })
    .from(catalogueClasses)
    .where(inArray(catalogueClasses.code, codes));
  const items = await tx.select({ code: catalogueItems.code, name: catalogueItems.name }).from(catalogueItems).where(inArray(catalogueItems.code, codes));
  const names = new Map([...classes, ...items].map((r) => [r.code, r.name]));
  return codes.map((c) => names.get(c) ?? c).join('、');
}

/** The card in groups: title, time, place, services, the count, and the 报名 button (none once cancelled). */
async function eventCard(tx: Db, e: EventView, timeZone: string): Promise<OutgoingPayload> {
  if (e.status === 'cancelled') return { text: t.cardCancelled(e.id, redactForGroup(e.title)) };
  const text = t.card({
    id: e.id,
    title: redactForGroup(e.title),
    time: formatEventTime(e.startsAt, e.endsAt, timeZone),
    place: redactForGroup(e.place),
    station: e.stationName,
    services: await serviceNames(tx, e.services),
    count: t.count(e.signedUp, e.cap),
    full: e.cap !== null && e.signedUp >= e.cap,
  });
  return { text, choices: [{ id: `event-signup:${e.id}`, label: t.signupButton }] };
}

/** Skill codes a group may be bound to that fit the services: the codes, their classes, and the items of named classes. */
async function fittingSkills(tx: Db, services: string[]): Promise<string[]> {
  if (services.length === 0) return [];
  const items = await tx
    .select({ code: catalogueItems.code, classCode: catalogueItems.classCode })
    .from(catalogueItems)
    .where(or(inArray(catalogueItems.code, services), inArray(catalogueItems.classCode, services)));
  return [...new Set([...services, ...items.flatMap((i) => [i.code, i.classCode])])];
}

/**
 * The groups an event is announced in: those bound to its station or any station below it, taking
 * every skill or one of the services offered (an event without services goes to all of them).
 */
async function eventGroups(tx: Db, tree: StationTree, e: Pick<EventView, 'stationId' | 'services'>) {
  const stationIds = tree.under([e.stationId]).map((s) => s.id);
  if (stationIds.length === 0) return [];
  const skills = await fittingSkills(tx, e.services);
  return tx
    .select({ channel: chatGroups.channel, chatId: chatGroups.chatId })
    .from(chatGroups)
    .where(
      and(inArray(chatGroups.stationId, stationIds), e.services.length === 0 ? undefined : or(isNull(chatGroups.skill), inArray(chatGroups.skill, skills))),
    )
    .orderBy(chatGroups.channel, chatGroups.chatId);
}

/** Stores an event and posts its card in its groups (through the outbox); returns its id and the number of groups. */
export async function createEvent(tx: Db, tree: StationTree, organizerId: number, draft: NewEvent, at: Date, timeZone: string) {
  const station = tree.byCode(draft.stationCode);
  if (!station) throw new Error(`createEvent: unknown station ${draft.stationCode}`);
  const [row] = await tx
    .insert(events)
    .values({
      stationId: station.id,
      title: draft.title,
      startsAt: new Date(draft.startsAt),
      endsAt: draft.endsAt ? new Date(draft.endsAt) : null,
      place: draft.place,
      latitude: draft.latitude,
      longitude: draft.longitude,
      services: draft.services,
      cap: draft.cap,
      createdBy: organizerId,
      createdAt: at,
    })
    .returning({ id: events.id });
  const e = (await eventView(tx, row!.id))!;
  const card = await eventCard(tx, e, timeZone);
  let groups = 0;
  for (const g of await eventGroups(tx, tree, e)) {
    const [outboxId] = await enqueueMessages(tx, [{ ...g, payload: card, dedupKey: `event-card:${e.id}:${g.channel}:${g.chatId}` }], at);
    if (outboxId === undefined) continue;
    await tx.insert(eventCards).values({ eventId: e.id, channel: g.channel, chatId: g.chatId, cardOutboxId: outboxId }).onConflictDoNothing();
    groups++;
  }
  return { id: e.id, groups };
}

/** Edits every card of an event to show its current count (or that it was cancelled). */
export async function editEventCards(tx: Db, eventId: number, at: Date, timeZone: string) {
  const e = await eventView(tx, eventId);
  if (!e) return;
  const cards = await tx.select().from(eventCards).where(eq(eventCards.eventId, eventId));
  if (cards.length === 0) return;
  const card = await eventCard(tx, e, timeZone);
  await enqueueMessages(
    tx,
    cards.map((c) => ({ channel: c.channel, chatId: c.chatId, payload: { ...card, editOf: c.cardOutboxId } })),
    at,
  );
}
