import type { Db } from '../../db/client.js';
import { channelIdentities, people, volunteers } from '../../db/schema.js';

// === Approved volunteers written straight to the database, for tests that need many of them

/**
 * Writes `n` approved volunteers of `stationId` with the `daily-life` skill, each with one private chat on
 * `channel` (`chatId(i)`, default `v-<channel>-<person id>`). Returns their person ids.
 */
export async function addApprovedVolunteers(
  db: Db,
  o: { stationId: number; channel: string; n: number; chatId?: (i: number, personId: number) => string },
): Promise<number[]> {
  const persons = await db
    .insert(people)
    .values(Array.from({ length: o.n }, (_, i) => ({ displayName: `志愿者${i}` })))
    .returning({ id: people.id });
  const chatId = o.chatId ?? ((_: number, personId: number) => `v-${o.channel}-${personId}`);
  await db.insert(channelIdentities).values(persons.map((p, i) => ({ channel: o.channel, externalId: chatId(i, p.id), personId: p.id })));
  await db.insert(volunteers).values(
    persons.map((p, i) => ({
      personId: p.id,
      name: `志愿者${i}`,
      phone: '13900000000',
      partyMember: false,
      skills: ['daily-life'],
      stationId: o.stationId,
      availability: '随时',
      status: 'approved' as const,
    })),
  );
  return persons.map((p) => p.id);
}
