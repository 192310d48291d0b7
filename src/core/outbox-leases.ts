import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { confirmLease, type OutboxRow as Row, renewLeases, takeOverLeases } from './outbox.js';
import type { Item } from './outbox-hand.js';
import type { Clock } from './ports.js';
import { safeError } from './privacy.js';

// === The leases of the outbox rows a process holds: renewed while rows are in hand; a row is sent
// without asking while its lease is surely ours, confirmed otherwise; a dead predecessor's taken over

export interface OutboxLeasesOptions {
  db: Db;
  log: Logger;
  clock: Clock;
  /** This process's id, written on the rows it holds. */
  me: string;
  /** How long a claimed row is reserved for this process. */
  leaseMs: number;
  /** How often held leases are renewed (real time); 0: never. */
  renewMs: number;
  /** No other process can use this database (PGlite): every lease left in it belongs to a dead process. */
  exclusiveDatabase: boolean;
}

/** Renews, confirms and takes over the leases of one delivering process. */
export function createOutboxLeases(o: OutboxLeasesOptions) {
  const { db, log, clock, me, leaseMs, renewMs } = o;
  let lastRenewal = Number.NEGATIVE_INFINITY;
  let renewer: NodeJS.Timeout | null = null;
  let renewing: Promise<void> | null = null;

  /** The lease of a row claimed at `now`. */
  const leaseFrom = (now: Date) => new Date(now.getTime() + leaseMs);

  /** Extends the lease of every row this process holds. */
  async function renew() {
    const now = clock();
    try {
      await renewLeases(db, me, leaseFrom(now));
      lastRenewal = now.getTime();
    } catch (err) {
      log.warn({ err: safeError(err) }, 'outbox lease renewal failed');
    }
  }

  /** Our lease on the item is surely still running (a third of it left): no need to ask the database. */
  const sure = (item: Item) => clock().getTime() + leaseMs / 3 < Math.max(item.claimedAt, lastRenewal) + leaseMs;

  return {
    leaseFrom,
    /** Renews the held leases every `renewMs` while `on` (rows are in hand). */
    keepRenewing(on: boolean) {
      if (on && !renewer && renewMs > 0) {
        // One renewal at a time: a slow one overtaken by the next could write the older lease last.
        renewer = setInterval(() => void (renewing ??= renew().finally(() => (renewing = null))), renewMs);
        renewer.unref();
      } else if (!on && renewer) {
        clearInterval(renewer);
        renewer = null;
      }
    },
    /**
     * Makes sure the item's row is still ours before it is sent: without asking while its lease surely
     * runs, otherwise in one statement that renews it (the item then holds the fresh row). False: lost.
     */
    async confirm(item: Item): Promise<boolean> {
      if (sure(item)) return true;
      const now = clock();
      const fresh: Row | null = await confirmLease(db, me, item.row.id, leaseFrom(now));
      if (!fresh) return false;
      item.row = fresh;
      item.claimedAt = now.getTime();
      return true;
    },
    /** Frees at once what a dead earlier process held (see `OutboxDelivery.takeOverLeases`); the rows freed. */
    async takeOver(): Promise<number> {
      const freed = await takeOverLeases(db, me, { exclusiveDatabase: o.exclusiveDatabase, now: clock() });
      if (freed.rows > 0) log.info(freed, 'outbox leases of a previous process taken over');
      return freed.rows;
    },
  };
}
