import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { alerts, catalogueItems, requestEvents, requests, stations, type RequestStatus } from '../../../db/schema.js';
import { DEFAULT_TIME_ZONE } from '../calendar/civil.js';
import { type DailyCap, takeRequestQuota } from './quota.js';
import { nextTicket } from './tickets.js';

/**
 * What a resident's conversation gathered: the resident flow's `createRequest` draft has exactly this
 * shape (checked where the flow is wired, `src/app/resident-flow.ts`).
 */
export interface RequestFields {
  classCode: string;
  itemCode: string;
  communityCode: string;
  description: string;
  address: string;
  phone: string;
  wantedTime: string;
  urgent: boolean;
  emergencyWords: string[];
  attachments: string[];
}

/** Whose request it is, and where they are told about it. */
export interface RequestOwner {
  residentId: number;
  channel: string;
  /** The resident's private chat, for notices about this request. */
  chatId: string;
  /** The conversation the request came from (its open alerts are linked to the request). */
  conversationKey: string;
}

export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    readonly code: 'unknown_station' | 'unknown_item',
    message: string,
  ) {
    super(message);
  }
}

/** Statuses in which the resident may still cancel. */
export const CANCELLABLE: readonly RequestStatus[] = ['open', 'claimed', 'in_progress'];

/** Stores a request with a fresh ticket (its day in `timeZone`), its first event, and links the conversation's open alerts. */
export async function createRequest(
  tx: Db,
  fields: RequestFields,
  owner: RequestOwner,
  at: Date,
  timeZone = DEFAULT_TIME_ZONE,
): Promise<{ id: number; ticket: string }> {
  // The station and the item checked in one statement.
  const [station] = await tx
    .select({
      id: stations.id,
      item: sql<string | null>`(select ${catalogueItems.code} from ${catalogueItems} where ${catalogueItems.code} = ${fields.itemCode})`,
    })
    .from(stations)
    .where(eq(stations.code, fields.communityCode));
  if (!station) throw new RequestError('unknown_station', `No station with code ${fields.communityCode}`);
  if (station.item === null) throw new RequestError('unknown_item', `No catalogue item ${fields.itemCode}`);
  const ticket = await nextTicket(tx, at, timeZone);
  const [row] = await tx
    .insert(requests)
    .values({
      ticket,
      residentId: owner.residentId,
      channel: owner.channel,
      classCode: fields.classCode,
      itemCode: fields.itemCode,
      stationId: station.id,
      description: fields.description,
      address: fields.address,
      phone: fields.phone,
      wantedTime: fields.wantedTime,
      urgent: fields.urgent,
      attachments: fields.attachments,
      status: 'open',
      chatId: owner.chatId,
      openedAt: at,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: requests.id });
  const id = row!.id;
  await appendEvent(tx, id, 'created', owner.residentId, { urgent: fields.urgent, emergencyWords: fields.emergencyWords }, at);
  await tx
    .update(alerts)
    .set({ requestId: id })
    .where(and(eq(alerts.conversationKey, owner.conversationKey), isNull(alerts.requestId)));
  return { id, ticket };
}

/**
 * A resident's own request (`createRequest`) within their daily cap: null when they already made
 * `cap.perDay` new requests today (then nothing is stored). Urgent requests always go through, and count.
 * Requests stored on someone's behalf call `createRequest` itself: the resident's cap is not theirs.
 */
export async function createRequestWithinCap(
  tx: Db,
  fields: RequestFields,
  owner: RequestOwner,
  at: Date,
  cap: DailyCap,
): Promise<{ id: number; ticket: string } | null> {
  if (!(await takeRequestQuota(tx, owner.residentId, cap, at, fields.urgent))) return null;
  return createRequest(tx, fields, owner, at, cap.timeZone);
}

/** Appends one entry to a request's history. */
export async function appendEvent(tx: Db, requestId: number, type: string, actorId: number | null, data: Record<string, unknown>, at: Date) {
  await tx.insert(requestEvents).values({ requestId, type, actorId, data, at });
}

/** A resident's most recent requests, newest first. */
export async function listRequestsOf(tx: Db, residentId: number, limit = 10) {
  return tx
    .select({ ticket: requests.ticket, itemName: catalogueItems.name, status: requests.status, createdAt: requests.createdAt })
    .from(requests)
    .leftJoin(catalogueItems, eq(catalogueItems.code, requests.itemCode))
    .where(eq(requests.residentId, residentId))
    .orderBy(desc(requests.id))
    .limit(limit);
}

/**
 * Cancels a resident's own request if it is still open; null when it is not theirs or too late.
 * Returns who was assigned, so they can be told.
 */
export async function cancelByResident(
  tx: Db,
  residentId: number,
  ticket: string,
  at: Date,
): Promise<{ requestId: number; volunteerId: number | null } | null> {
  const [before] = await tx
    .select({ id: requests.id, volunteerId: requests.volunteerId })
    .from(requests)
    .where(and(eq(requests.ticket, ticket), eq(requests.residentId, residentId)))
    .for('update');
  if (!before) return null;
  const [row] = await tx
    .update(requests)
    .set({ status: 'cancelled', updatedAt: at })
    .where(and(eq(requests.id, before.id), inArray(requests.status, [...CANCELLABLE])))
    .returning({ id: requests.id });
  if (!row) return null;
  await appendEvent(tx, row.id, 'cancelled', residentId, { by: 'resident' }, at);
  return { requestId: row.id, volunteerId: before.volunteerId };
}

/** A request's full history, oldest first. */
export async function historyOf(tx: Db, requestId: number) {
  return tx.select().from(requestEvents).where(eq(requestEvents.requestId, requestId)).orderBy(requestEvents.id);
}
