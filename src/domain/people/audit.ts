import { arrayOverlaps, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type AuditAction, type AuditPerson, auditLog, organizers, volunteers } from '../../../db/schema.js';

// === The audit log: every merge, approval and organizer grant, appended (the database refuses changes)

export type AuditEntry = typeof auditLog.$inferSelect;

/** A person's rights as the audit log keeps them: volunteer station and status, stations organized. */
export async function rightsOf(tx: Db, personId: number): Promise<AuditPerson> {
  const [v] = await tx.select({ stationId: volunteers.stationId, status: volunteers.status }).from(volunteers).where(eq(volunteers.personId, personId));
  const roles = await tx
    .select({ stationId: organizers.stationId })
    .from(organizers)
    .where(eq(organizers.personId, personId))
    .orderBy(asc(organizers.stationId));
  return { id: personId, volunteer: v ?? null, organizerOf: roles.map((r) => r.stationId) };
}

/** Appends one entry, in the caller's transaction: it stands or falls with the change it describes. */
export async function recordAudit(
  tx: Db,
  entry: {
    at: Date;
    actorId: number | null;
    action: AuditAction;
    subjectId: number;
    otherId?: number;
    stationIds: number[];
    before: AuditPerson[];
    after: AuditPerson[];
  },
): Promise<void> {
  await tx.insert(auditLog).values({ ...entry, otherId: entry.otherId ?? null, stationIds: [...new Set(entry.stationIds)] });
}

/** Entries concerning any of the stations, newest first: `limit` of them after skipping `offset`. */
export async function auditEntriesOf(tx: Db, stationIds: number[], offset: number, limit: number): Promise<AuditEntry[]> {
  if (stationIds.length === 0) return [];
  return tx.select().from(auditLog).where(arrayOverlaps(auditLog.stationIds, stationIds)).orderBy(desc(auditLog.id)).offset(offset).limit(limit);
}
