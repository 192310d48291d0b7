import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { catalogueClasses, catalogueItems, people, requests, stations } from '../../../db/schema.js';

// === One request as dispatch reads it (its own file: announcing, offering and claiming all need it)

/** Everything a card or a notice needs to know of a request (private fields included: use with care). */
export async function requestView(tx: Db, requestId: number) {
  const [row] = await tx
    .select({
      id: requests.id,
      ticket: requests.ticket,
      status: requests.status,
      stationId: requests.stationId,
      classCode: requests.classCode,
      itemCode: requests.itemCode,
      description: requests.description,
      address: requests.address,
      phone: requests.phone,
      wantedTime: requests.wantedTime,
      urgent: requests.urgent,
      residentId: requests.residentId,
      channel: requests.channel,
      chatId: requests.chatId,
      volunteerId: requests.volunteerId,
      escalationLevel: requests.escalationLevel,
      remindedAt: requests.remindedAt,
      openedAt: requests.openedAt,
      escalatedAt: requests.escalatedAt,
      itemName: catalogueItems.name,
      className: catalogueClasses.name,
      community: stations.name,
      residentName: people.displayName,
    })
    .from(requests)
    .leftJoin(catalogueItems, eq(catalogueItems.code, requests.itemCode))
    .leftJoin(catalogueClasses, eq(catalogueClasses.code, requests.classCode))
    .innerJoin(stations, eq(stations.id, requests.stationId))
    .innerJoin(people, eq(people.id, requests.residentId))
    .where(eq(requests.id, requestId));
  return row;
}

export type RequestView = NonNullable<Awaited<ReturnType<typeof requestView>>>;
