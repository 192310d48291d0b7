import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { FlowPerson } from '../../core/flow.js';
import type { PeoplePort } from '../../core/ports.js';
import { channelIdentities, people, requests, stations } from '../../../db/schema.js';

/** Finds the person behind a channel account, creating them on first contact; clears a block mark. */
export async function ensurePerson(tx: Db, channel: string, externalId: string, displayName: string): Promise<FlowPerson> {
  const [found] = await tx
    .select({ id: people.id, displayName: people.displayName, phone: people.phone, blockedAt: channelIdentities.blockedAt })
    .from(channelIdentities)
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .where(and(eq(channelIdentities.channel, channel), eq(channelIdentities.externalId, externalId)));
  if (found) {
    if (found.blockedAt) {
      await tx
        .update(channelIdentities)
        .set({ blockedAt: null })
        .where(and(eq(channelIdentities.channel, channel), eq(channelIdentities.externalId, externalId)));
    }
    return { id: found.id, displayName: found.displayName, phone: found.phone, lastCommunityCode: await lastCommunity(tx, found.id) };
  }
  const name = displayName.trim().slice(0, 64) || '居民';
  const [person] = await tx.insert(people).values({ displayName: name }).returning({ id: people.id });
  await tx.insert(channelIdentities).values({ channel, externalId, personId: person!.id });
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
