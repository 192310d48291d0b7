import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { ticketCounters } from '../../../db/schema.js';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day of `at` in Asia/Shanghai as `YYYYMMDD`. */
export function shanghaiDay(at: Date): string {
  return dayFormat.format(at).replaceAll('-', '');
}

/** Next ticket number `YYYYMMDD-NNNN` (per-day sequence, safe under concurrency: one upsert). */
export async function nextTicket(tx: Db, at: Date): Promise<string> {
  const day = shanghaiDay(at);
  const [row] = await tx
    .insert(ticketCounters)
    .values({ day, last: 1 })
    .onConflictDoUpdate({ target: ticketCounters.day, set: { last: sql`${ticketCounters.last} + 1` } })
    .returning({ last: ticketCounters.last });
  return `${day}-${String(row!.last).padStart(4, '0')}`;
}
