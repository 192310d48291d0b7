import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

// === Who this process is: the owner written on the outbox rows it holds

/** The parts of an instance id `name/host/pid/nonce`. */
export interface InstanceId {
  name: string;
  host: string;
  pid: number;
  nonce: string;
}

/**
 * A new id for this process: the stable instance `name` (kept across restarts; the host name by
 * default), the host and pid it runs as, and a random nonce, so that a restart never reuses an id.
 */
export function createInstanceId(name: string = hostname(), pid = process.pid, host = hostname()): string {
  return `${name}/${host}/${pid}/${randomBytes(4).toString('hex')}`;
}

/** Reads an id made by {@link createInstanceId}; `null` for anything else. */
export function parseInstanceId(id: string): InstanceId | null {
  const m = /^(.+)\/([^/]+)\/(\d+)\/([0-9a-f]+)$/.exec(id);
  return m ? { name: m[1]!, host: m[2]!, pid: Number(m[3]), nonce: m[4]! } : null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `other` was an earlier run of the instance `me` — so it is dead, since the instance is
 * running again now: the same name, and not a live neighbour on this host (two processes started
 * with the same name on one machine are told apart by their pids).
 */
export function isPredecessor(me: string, other: string): boolean {
  const a = parseInstanceId(me);
  const b = parseInstanceId(other);
  if (!a || !b || other === me || a.name !== b.name) return false;
  return b.host !== a.host || b.pid === a.pid || !isRunning(b.pid);
}
