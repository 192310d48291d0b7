import type { Db } from '../../../db/client.js';
import { ensurePerson } from '../../../src/domain/people/people.js';
import type { RequestFields, RequestOwner } from '../../../src/domain/requests/requests.js';

/** A made-up request of 文昌社区: a television to repair. */
export const REQUEST_FIELDS: RequestFields = {
  classCode: 'daily-life',
  itemCode: 'appliance-repair',
  communityCode: 'nanhu-jianshe-wenchang',
  description: '电视坏了',
  address: '文昌小区3幢2单元501',
  phone: '13812345678',
  wantedTime: '尽快',
  urgent: false,
  emergencyWords: [],
  attachments: [],
};

/** A resident on the `test` channel (created on first use) as a request's owner. */
export async function residentOwner(db: Db, id: string): Promise<RequestOwner> {
  const p = await ensurePerson(db, 'test', id, '居民');
  return { residentId: p.id, channel: 'test', chatId: id, conversationKey: `test:${id}:${id}` };
}
