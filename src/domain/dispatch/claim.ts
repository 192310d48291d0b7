import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { requests, reveals } from '../../../db/schema.js';
import type { Notice, NoticeKind, OutgoingPayload } from '../../core/message.js';
import { enqueueMessages } from '../../core/outbox.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import { DEFAULT_TIME_ZONE, dayText } from '../calendar/civil.js';
import { appendEvent } from '../requests/requests.js';
import { editCards, type RequestView, requestView } from './announce.js';
import { volunteerOf } from '../volunteers/registration.js';
import { privateChatOf } from '../people/roles.js';

// === Claiming: exactly one winner, by one conditional update

export type ClaimResult =
  | { ok: true; request: RequestView; volunteerName: string }
  | { ok: false; reason: 'unknown'; ticket: string }
  | { ok: false; reason: 'not_volunteer' | 'pending' | 'rejected' }
  | { ok: false; reason: 'suspended'; until: Date }
  | { ok: false; reason: 'taken'; by: string }
  | { ok: false; reason: 'closed'; ticket: string };

/** A refused claim, in words for the volunteer (dates in `timeZone`). */
export function claimRefusal(r: Exclude<ClaimResult, { ok: true }>, hotline: string, timeZone = DEFAULT_TIME_ZONE): string {
  switch (r.reason) {
    case 'unknown':
      return t.unknownTicket(r.ticket);
    case 'not_volunteer':
      return t.claimNotVolunteer;
    case 'pending':
      return t.claimPending;
    case 'rejected':
      return t.claimRejected(hotline);
    case 'suspended':
      return t.claimSuspended(dayText(r.until, timeZone, { year: true }));
    case 'taken':
      return t.claimAlreadyTaken(r.by);
    case 'closed':
      return t.claimClosed(r.ticket);
  }
}

/** The visit buttons under the private details. */
function visitButtons(ticket: string): OutgoingPayload['choices'] {
  const b = t.visitButtons;
  return [
    { id: `depart:${ticket}`, label: b.depart },
    { id: `arrive:${ticket}`, label: b.arrive },
    { id: `done:${ticket}`, label: b.done },
    { id: `release:${ticket}`, label: b.release },
  ];
}

/**
 * Gives an open request to a volunteer. Only an approved, not suspended volunteer may win; among
 * many pressing at once, the conditional update lets exactly one through. The winner gets the
 * details privately (recorded as a reveal), every card is edited, the resident is told.
 */
export async function claimRequest(
  tx: Db,
  ticket: string,
  volunteerPersonId: number,
  at: Date,
  how: 'claim' | 'assign' = 'claim',
  actorId = volunteerPersonId,
): Promise<ClaimResult> {
  const [req] = await tx
    .select({ id: requests.id, status: requests.status, volunteerId: requests.volunteerId })
    .from(requests)
    .where(eq(requests.ticket, ticket));
  if (!req) return { ok: false, reason: 'unknown', ticket };
  const vol = await volunteerOf(tx, volunteerPersonId);
  if (!vol) return { ok: false, reason: 'not_volunteer' };
  if (vol.status !== 'approved') return { ok: false, reason: vol.status };
  if (vol.suspendedUntil && vol.suspendedUntil > at) return { ok: false, reason: 'suspended', until: vol.suspendedUntil };

  const [won] = await tx
    .update(requests)
    .set({ status: 'claimed', volunteerId: volunteerPersonId, claimedAt: at, updatedAt: at })
    .where(and(eq(requests.id, req.id), eq(requests.status, 'open')))
    .returning({ id: requests.id });
  if (!won) {
    const [now] = await tx.select({ status: requests.status, volunteerId: requests.volunteerId }).from(requests).where(eq(requests.id, req.id));
    if (now?.volunteerId && ['claimed', 'in_progress', 'done'].includes(now.status)) {
      const winner = await volunteerOf(tx, now.volunteerId);
      return { ok: false, reason: 'taken', by: winner?.name ?? '其他志愿者' };
    }
    return { ok: false, reason: 'closed', ticket };
  }
  const r = (await requestView(tx, req.id))!;
  await appendEvent(tx, r.id, how === 'claim' ? 'claimed' : 'assigned', actorId, { volunteerId: volunteerPersonId }, at);
  await revealTo(tx, r, volunteerPersonId, how, at);
  await editCards(tx, r, 'taken', vol.name, at);
  if (r.chatId) {
    const payload = { text: t.residentClaimed(r.ticket, vol.name), notice: progressNotice('request_claimed', r, t.noticeStatus.claimed, vol.name) };
    await enqueueMessages(tx, [{ channel: r.channel, chatId: r.chatId, payload }], at);
  }
  return { ok: true, request: r, volunteerName: vol.name };
}

/** A request's progress as a notice (a template message where the platform wants one): never the address or phone. */
export function progressNotice(kind: NoticeKind, r: RequestView, status: string, volunteerName?: string): Notice {
  return {
    kind,
    fields: { ticket: r.ticket, service: r.itemName ?? '', community: r.community, ...(volunteerName ? { volunteer: volunteerName } : {}), status },
  };
}

/** Sends the full details to one person privately, and records that they saw them. */
async function revealTo(tx: Db, r: RequestView, personId: number, reason: string, at: Date) {
  const target = await privateChatOf(tx, personId);
  if (!target) return;
  const text = t.claimedPrivate({
    ticket: r.ticket,
    itemName: r.itemName ?? '',
    community: r.community,
    address: r.address,
    phone: r.phone,
    residentName: r.residentName,
    wantedTime: r.wantedTime,
    description: r.description,
    urgent: r.urgent,
  });
  await enqueueMessages(tx, [{ ...target, payload: { text, choices: visitButtons(r.ticket) }, dedupKey: `reveal:${r.id}:${personId}:${at.getTime()}` }], at);
  await tx.insert(reveals).values({ requestId: r.id, personId, reason, at });
}

const ACTIVE: ('claimed' | 'in_progress')[] = ['claimed', 'in_progress'];
export const activeStatuses = inArray(requests.status, ACTIVE);
