import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { requests, visitReports } from '../../../db/schema.js';
import type { Notice } from '../../core/message.js';
import { enqueueMessages } from '../../core/outbox.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import { appendEvent } from '../requests/requests.js';
import { editCards, requestView } from './announce.js';
import { activeStatuses, progressNotice } from './claim.js';
import { volunteerOf } from '../volunteers/registration.js';
import { privateChatOf } from '../people/roles.js';

// === The visit: depart, arrive, done with hours, or give the task back

export type VisitStep = 'depart' | 'arrive' | 'done' | 'release';

/** `1.5小时`, `2h`, `半小时`, `90分钟` → hours (0 < h ≤ 24); null when unreadable. */
export function parseHours(text: string): number | null {
  const t2 = text.trim();
  if (/^半(个)?小时$/.test(t2)) return 0.5;
  const m = /^(\d+(?:\.\d+)?)\s*(小时|个小时|h|H|钟头)?$/.exec(t2);
  const min = /^(\d+)\s*(分钟|分|min)$/.exec(t2);
  const h = m ? Number(m[1]) : min ? Number(min[1]) / 60 : NaN;
  return Number.isFinite(h) && h > 0 && h <= 24 ? Math.round(h * 100) / 100 : null;
}

/**
 * Records a visit step by the assigned volunteer. Returns the reply for the volunteer.
 * Each change appends a request event; the resident is told; cards are edited.
 */
export async function recordVisitStep(
  tx: Db,
  ticket: string,
  personId: number,
  step: VisitStep,
  at: Date,
  extra: { hours?: number; note?: string; reason?: string } = {},
): Promise<string> {
  // Locked: a resident cancelling at the same moment waits, or makes this step find nothing.
  const [req] = await tx
    .select({ id: requests.id })
    .from(requests)
    .where(and(eq(requests.ticket, ticket), eq(requests.volunteerId, personId), activeStatuses))
    .for('update');
  if (!req) return t.notYourTask(ticket);
  const r = (await requestView(tx, req.id))!;
  const name = (await volunteerOf(tx, personId))?.name ?? '';
  const tellResident = (text: string, notice: Notice) =>
    r.chatId ? enqueueMessages(tx, [{ channel: r.channel, chatId: r.chatId, payload: { text, notice } }], at) : Promise.resolve([]);

  if (step === 'depart' || step === 'arrive') {
    await tx.update(requests).set({ status: 'in_progress', updatedAt: at }).where(eq(requests.id, r.id));
    await appendEvent(tx, r.id, step === 'depart' ? 'departed' : 'arrived', personId, {}, at);
    if (step === 'depart') await editCards(tx, r, 'in_progress', name, at);
    await tellResident(
      step === 'depart' ? t.residentDeparted(r.ticket, name) : t.residentArrived(r.ticket, name),
      step === 'depart'
        ? progressNotice('volunteer_departed', r, t.noticeStatus.departed, name)
        : progressNotice('volunteer_arrived', r, t.noticeStatus.arrived, name),
    );
    return step === 'depart' ? t.departed(r.ticket) : t.arrived(r.ticket);
  }
  if (step === 'done') {
    if (extra.hours === undefined) return t.doneHowTo(r.ticket);
    await tx.update(requests).set({ status: 'done', updatedAt: at }).where(eq(requests.id, r.id));
    await tx
      .insert(visitReports)
      .values({ requestId: r.id, volunteerId: personId, hours: extra.hours, note: extra.note ?? '', at })
      .onConflictDoNothing();
    await appendEvent(tx, r.id, 'done', personId, { hours: extra.hours }, at);
    await editCards(tx, r, 'done', name, at);
    await tellResident(t.residentDone(r.ticket, name), progressNotice('request_done', r, t.noticeStatus.done, name));
    return t.doneRecorded(r.ticket, extra.hours);
  }
  await tx
    .update(requests)
    .set({ status: 'open', volunteerId: null, claimedAt: null, openedAt: at, remindedAt: null, escalatedAt: null, escalationDone: false, updatedAt: at })
    .where(eq(requests.id, r.id));
  await appendEvent(tx, r.id, 'released', personId, { reason: extra.reason ?? '' }, at);
  const reopened = (await requestView(tx, r.id))!;
  await editCards(tx, reopened, 'open', '', at);
  await tellResident(t.residentReleased(r.ticket), progressNotice('request_released', r, t.noticeStatus.released));
  return t.released(r.ticket);
}

/** Tells the assigned volunteer that the resident cancelled, and edits the cards. */
export async function afterResidentCancel(tx: Db, requestId: number, previousVolunteerId: number | null, at: Date) {
  const r = await requestView(tx, requestId);
  if (!r) return;
  await editCards(tx, r, 'cancelled', '', at);
  if (!previousVolunteerId) return;
  const chat = await privateChatOf(tx, previousVolunteerId);
  if (chat) await enqueueMessages(tx, [{ ...chat, payload: { text: t.volunteerResidentCancelled(r.ticket) } }], at);
}
