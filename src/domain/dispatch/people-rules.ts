import { eq, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { organizers, privateOffers, requests, volunteers } from '../../../db/schema.js';
import type { StationTree } from '../stations/tree.js';

// === Who may act on whom: an organizer acts only on people wholly within the stations they organize

/** The stations a person is tied to; a merge carries every one of them over to the person kept. */
export interface StationTies {
  /** Their volunteer registration's station (any status). */
  volunteer: number[];
  /** The stations they organize. */
  organizer: number[];
  /** The stations of requests they made, hold or were offered privately. */
  requests: number[];
}

async function stationTiesOf(tx: Db, personId: number): Promise<StationTies> {
  const v = await tx.select({ stationId: volunteers.stationId }).from(volunteers).where(eq(volunteers.personId, personId));
  const o = await tx.select({ stationId: organizers.stationId }).from(organizers).where(eq(organizers.personId, personId));
  const r = await tx
    .selectDistinct({ stationId: requests.stationId })
    .from(requests)
    .where(or(eq(requests.residentId, personId), eq(requests.volunteerId, personId)));
  const offered = await tx
    .selectDistinct({ stationId: requests.stationId })
    .from(privateOffers)
    .innerJoin(requests, eq(requests.id, privateOffers.requestId))
    .where(eq(privateOffers.personId, personId));
  return {
    volunteer: v.map((x) => x.stationId),
    organizer: o.map((x) => x.stationId),
    requests: [...new Set([...r, ...offered].map((x) => x.stationId))],
  };
}

const allTies = (t: StationTies) => [...new Set([...t.volunteer, ...t.organizer, ...t.requests])];

export type MergeVerdict =
  | { ok: true; stations: number[] }
  /** `self`: the actor is one of the two; `outside`: a tie of `personId` is not the actor's; `not_below`: `personId` organizes a station the actor is not above; `nowhere`: neither is tied to a station and the actor does not organize the city. */
  | { ok: false; why: 'self' | 'outside' | 'not_below' | 'nowhere'; personId?: number };

/**
 * Whether `actorId` may merge the two people: never themselves; every station either is tied to must
 * be one the actor organizes (or lies below one); a person who organizes a station only by an organizer
 * strictly above it (an organizer's rights are not handed over by a peer, nor taken by a junior). Two
 * people tied to no station are the city's: its organizers only. `stations`: what the merge concerns.
 */
export async function mayMerge(tx: Db, tree: StationTree, actorId: number, keepId: number, mergeId: number): Promise<MergeVerdict> {
  if (actorId === keepId || actorId === mergeId) return { ok: false, why: 'self' };
  const own = new Set((await tx.select({ s: organizers.stationId }).from(organizers).where(eq(organizers.personId, actorId))).map((r) => r.s));
  const covers = (s: number) => tree.chain(s).some((c) => own.has(c));
  const above = (s: number) =>
    tree
      .chain(s)
      .slice(1)
      .some((c) => own.has(c));
  const stations: number[] = [];
  for (const personId of [keepId, mergeId]) {
    const ties = await stationTiesOf(tx, personId);
    if (!allTies(ties).every(covers)) return { ok: false, why: 'outside', personId };
    if (!ties.organizer.every(above)) return { ok: false, why: 'not_below', personId };
    stations.push(...allTies(ties));
  }
  if (stations.length > 0) return { ok: true, stations: [...new Set(stations)] };
  return own.has(tree.root().id) ? { ok: true, stations: [tree.root().id] } : { ok: false, why: 'nowhere' };
}
