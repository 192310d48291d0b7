import { z } from 'zod';
import { configSection, optionalOf } from '../core/config-section.js';

// === Dispatch: the first organizers, when an unclaimed request is marked urgent or escalated, private offers

export const dispatchConfig = configSection({
  vars: {
    ORGANIZERS: optionalOf(
      z.string().regex(/^[a-z]+:[^,\s]+(,[a-z]+:[^,\s]+)*$/, 'must be channel:id pairs separated by commas, e.g. telegram:123456,wechat:wxid_abc'),
    ),
    CLAIM_REMIND_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
    ESCALATE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
    PRIVATE_OFFERS_PER_REQUEST: z.coerce.number().int().min(0).max(200).default(5),
  },
  read: (e) => ({
    /** Accounts that are organizers of the root station from the start. */
    organizers: (e.ORGANIZERS ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const [channel = '', ...rest] = pair.split(':');
        return { channel, externalId: rest.join(':') };
      }),
    dispatch: { remindMinutes: e.CLAIM_REMIND_MINUTES, escalateMinutes: e.ESCALATE_MINUTES, privateOffersPerRequest: e.PRIVATE_OFFERS_PER_REQUEST },
  }),
});
