import { eq, sql } from 'drizzle-orm';
import { type Db, lockKey } from '../../../db/client.js';
import { ticketDays } from '../../../db/schema.js';
import { DEFAULT_TIME_ZONE, dateIn } from '../calendar/civil.js';

/** The day of `at` in `timeZone` as `YYYYMMDD`: a ticket's day. */
export function ticketDay(at: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return dateIn(at, timeZone).replaceAll('-', '');
}

/** The next number of a day that has begun (one statement: the sequence, no row locked); none before its first ticket. */
async function numberWithin(tx: Db, day: string): Promise<number | undefined> {
  const [row] = await tx
    .select({ n: sql<number>`(nextval('ticket_numbers') - ${ticketDays.base} + 1)::int` })
    .from(ticketDays)
    .where(eq(ticketDays.day, day));
  return row === undefined ? undefined : Number(row.n);
}

/**
 * Next ticket number `YYYYMMDD-NNNN` (per day in `timeZone`, from 0001), safe under concurrency:
 * one sequence, so that no row stays locked while the ticket's transaction goes on. Only a day's first
 * ticket writes (its `ticket_days` row, under a lock the day's other first tickets wait for). A
 * transaction that rolls back leaves a gap in its day's numbers.
 */
export async function nextTicket(tx: Db, at: Date, timeZone = DEFAULT_TIME_ZONE): Promise<string> {
  const day = ticketDay(at, timeZone);
  const n = (await numberWithin(tx, day)) ?? (await beginDay(tx, day));
  return `${day}-${String(n).padStart(4, '0')}`;
}

/** The day's first ticket: its sequence value becomes the day's base (unless another began the day meanwhile). */
async function beginDay(tx: Db, day: string): Promise<number> {
  await lockKey(tx, `ticket-day:${day}`);
  const begun = await numberWithin(tx, day);
  if (begun !== undefined) return begun;
  await tx.insert(ticketDays).values({ day, base: sql`nextval('ticket_numbers')` });
  return 1;
}
