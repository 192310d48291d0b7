import type { RequestFields } from '../../src/domain/requests/requests.js';

/** A request's fields as a resident of 文昌社区 gives them (an appliance repair, as soon as possible); `over` changes some. */
export function requestFields(over: Partial<RequestFields> = {}): RequestFields {
  return {
    classCode: 'daily-life',
    itemCode: 'appliance-repair',
    communityCode: 'nanhu-jianshe-wenchang',
    description: '电视坏了',
    address: '文昌小区1幢101',
    phone: '13800000001',
    wantedTime: '尽快',
    urgent: false,
    emergencyWords: [],
    attachments: [],
    ...over,
  };
}
