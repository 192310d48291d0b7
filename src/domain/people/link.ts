import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import {
  alerts,
  channelIdentities,
  chatGroups,
  organizers,
  people,
  privateOffers,
  requestEvents,
  requests,
  reveals,
  visitReports,
  volunteers,
} from '../../../db/schema.js';

// === Two person records that are one person (a WeChat and a Telegram account without a shared union id)

export type LinkResult =
  | { ok: true; kept: { id: number; name: string }; merged: { id: number; name: string } }
  | { ok: false; reason: 'same' }
  | { ok: false; reason: 'unknown'; id: number };

/** A person's name as organizers know it: their volunteer name, else the name their channel gave. */
async function nameOf(tx: Db, personId: number): Promise<string | null> {
  const [row] = await tx
    .select({ displayName: people.displayName, volunteerName: volunteers.name })
    .from(people)
    .leftJoin(volunteers, eq(volunteers.personId, people.id))
    .where(eq(people.id, personId));
  return row ? (row.volunteerName ?? row.displayName) : null;
}

/**
 * Merges person `mergeId` into person `keepId`, in the caller's transaction: their accounts, requests
 * (as resident and as volunteer), organizer roles, reveals, visit reports, private offers, alerts and
 * history entries become `keepId`'s; then `mergeId` is deleted. When both registered as volunteers, the
 * approved registration stays (`keepId`'s when both or neither are). `keepId`'s phone stays unless it
 * has none. Who may do this is the caller's to check.
 */
export async function linkPeople(tx: Db, keepId: number, mergeId: number): Promise<LinkResult> {
  if (keepId === mergeId) return { ok: false, reason: 'same' };
  // Both rows locked, in id order: two merges of the same pair cannot cross.
  const locked = await tx
    .select({ id: people.id, phone: people.phone })
    .from(people)
    .where(inArray(people.id, [keepId, mergeId]))
    .orderBy(people.id)
    .for('update');
  const keep = locked.find((p) => p.id === keepId);
  const merge = locked.find((p) => p.id === mergeId);
  if (!keep) return { ok: false, reason: 'unknown', id: keepId };
  if (!merge) return { ok: false, reason: 'unknown', id: mergeId };
  const kept = { id: keepId, name: '' };
  const merged = { id: mergeId, name: (await nameOf(tx, mergeId)) ?? '' };

  const [vKeep] = await tx.select({ status: volunteers.status }).from(volunteers).where(eq(volunteers.personId, keepId));
  const [vMerge] = await tx.select({ status: volunteers.status }).from(volunteers).where(eq(volunteers.personId, mergeId));
  if (vMerge) {
    if (vKeep && !(vMerge.status === 'approved' && vKeep.status !== 'approved')) await tx.delete(volunteers).where(eq(volunteers.personId, mergeId));
    else {
      if (vKeep) await tx.delete(volunteers).where(eq(volunteers.personId, keepId));
      await tx.update(volunteers).set({ personId: keepId }).where(eq(volunteers.personId, mergeId));
    }
  }

  const roles = await tx.select().from(organizers).where(eq(organizers.personId, mergeId));
  if (roles.length > 0) {
    await tx
      .insert(organizers)
      .values(roles.map((r) => ({ ...r, personId: keepId })))
      .onConflictDoNothing();
    await tx.delete(organizers).where(eq(organizers.personId, mergeId));
  }
  // An offer of the same request to both: the one to `keepId` stays.
  const keptOffers = tx.select({ id: privateOffers.requestId }).from(privateOffers).where(eq(privateOffers.personId, keepId));
  await tx.delete(privateOffers).where(and(eq(privateOffers.personId, mergeId), inArray(privateOffers.requestId, keptOffers)));
  await tx.update(privateOffers).set({ personId: keepId }).where(eq(privateOffers.personId, mergeId));

  await tx.update(channelIdentities).set({ personId: keepId }).where(eq(channelIdentities.personId, mergeId));
  await tx.update(requests).set({ residentId: keepId }).where(eq(requests.residentId, mergeId));
  await tx.update(requests).set({ volunteerId: keepId }).where(eq(requests.volunteerId, mergeId));
  await tx.update(reveals).set({ personId: keepId }).where(eq(reveals.personId, mergeId));
  await tx.update(visitReports).set({ volunteerId: keepId }).where(eq(visitReports.volunteerId, mergeId));
  await tx.update(alerts).set({ personId: keepId }).where(eq(alerts.personId, mergeId));
  await tx.update(requestEvents).set({ actorId: keepId }).where(eq(requestEvents.actorId, mergeId));
  // What they did as an organizer stays theirs too.
  await tx.update(volunteers).set({ decidedBy: keepId }).where(eq(volunteers.decidedBy, mergeId));
  await tx.update(organizers).set({ grantedBy: keepId }).where(eq(organizers.grantedBy, mergeId));
  await tx.update(chatGroups).set({ boundBy: keepId }).where(eq(chatGroups.boundBy, mergeId));

  if (keep.phone === null && merge.phone !== null) await tx.update(people).set({ phone: merge.phone }).where(eq(people.id, keepId));
  await tx.delete(people).where(eq(people.id, mergeId));
  kept.name = (await nameOf(tx, keepId)) ?? '';
  return { ok: true, kept, merged };
}
