import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type Db, lockKey } from '../../../db/client.js';
import type { FlowPerson } from '../../core/flow.js';
import type { PeoplePort } from '../../core/ports.js';
import { channelIdentities, people, requests, stations } from '../../../db/schema.js';

/**
 * Finds the person behind a channel account, creating them on first contact; clears a block mark.
 * `unionId` (WeChat's id of one person across the organisation's apps) is stored on the account; a
 * new account whose union id another account already has joins that account's person.
 */
export async function ensurePerson(tx: Db, channel: string, externalId: string, displayName: string, unionId?: string): Promise<FlowPerson> {
  const account = and(eq(channelIdentities.channel, channel), eq(channelIdentities.externalId, externalId));
  const [found] = await tx
    .select({
      id: people.id,
      displayName: people.displayName,
      phone: people.phone,
      blockedAt: channelIdentities.blockedAt,
      unionId: channelIdentities.unionId,
      // Read with the account: one statement for a person who wrote before.
      lastCommunityCode: sql<string | null>`(select ${stations.code} from ${requests} inner join ${stations} on ${stations.id} = ${requests.stationId}
        where ${requests.residentId} = ${people.id} order by ${requests.id} desc limit 1)`,
    })
    .from(channelIdentities)
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .where(account);
  if (found) {
    const union = unionId && found.unionId !== unionId ? { unionId } : {};
    if (found.blockedAt || 'unionId' in union)
      await tx
        .update(channelIdentities)
        .set({ blockedAt: null, ...union })
        .where(account);
    return { id: found.id, displayName: found.displayName, phone: found.phone, lastCommunityCode: found.lastCommunityCode };
  }
  if (unionId) {
    // Two new accounts of one person writing at once: the second waits, and finds the first.
    await lockKey(tx, `union:${unionId}`);
    const [same] = await tx
      .select({ id: people.id, displayName: people.displayName, phone: people.phone })
      .from(channelIdentities)
      .innerJoin(people, eq(people.id, channelIdentities.personId))
      .where(eq(channelIdentities.unionId, unionId))
      .orderBy(asc(channelIdentities.createdAt))
      .limit(1);
    if (same) {
      await tx.insert(channelIdentities).values({ channel, externalId, personId: same.id, unionId });
      return { ...same, lastCommunityCode: await lastCommunity(tx, same.id) };
    }
  }
  const name = displayName.trim().slice(0, 64) || '居民';
  const [person] = await tx.insert(people).values({ displayName: name }).returning({ id: people.id });
  await tx.insert(channelIdentities).values({ channel, externalId, personId: person!.id, unionId: unionId ?? null });
  return { id: person!.id, displayName: name, phone: null, lastCommunityCode: null };
}

async function lastCommunity(tx: Db, personId: number): Promise<string | null> {
  const [row] = await tx
    .select({ code: stations.code })
    .from(requests)
    .innerJoin(stations, eq(stations.id, requests.stationId))
    .where(eq(requests.residentId, personId))
    .orderBy(desc(requests.id))
    .limit(1);
  return row?.code ?? null;
}

/** Remembers the phone a person gave, to offer it next time. */
export async function rememberPhone(tx: Db, personId: number, phone: string): Promise<void> {
  await tx.update(people).set({ phone }).where(eq(people.id, personId));
}

/** Marks a channel account as having blocked the bot (the channel refused delivery for good). */
export async function markBlocked(tx: Db, channel: string, externalId: string, at: Date): Promise<void> {
  await tx
    .update(channelIdentities)
    .set({ blockedAt: at })
    .where(and(eq(channelIdentities.channel, channel), eq(channelIdentities.externalId, externalId)));
}

/** People as the runner's port. */
export const peoplePort: PeoplePort = { identify: ensurePerson, markBlocked };
