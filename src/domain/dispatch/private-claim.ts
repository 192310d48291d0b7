import { dispatchTexts as t } from '../../texts/dispatch.js';
import { claimRefusal, claimRequest } from './claim.js';
import { timeZoneOf } from '../commands/context.js';
import type { Command } from '../commands/registry.js';
import { offerOf } from './private-offers.js';

// === Claiming in a private chat: only a task that was offered to this person there

/**
 * `接单 <单号>`, `抢单 <单号>`, `/claim <单号>`, or the offer's button `claim:<单号>`, in a private chat.
 * With an offer for this person: the one conditional update of `claimRequest` (one winner across
 * groups and private chats); a refusal is answered here. Without an offer, a pressed button is told
 * so, and typed words go on (to the group claim's pointer to the group).
 */
export const privateClaimCommand: Command = {
  name: 'claim-offered',
  slash: ['/claim'],
  words: ['接单', '抢单'],
  args: /^\s*(\d{8}-\d{4,})$/,
  buttons: /^claim:(\d{8}-\d{4,})$/,
  where: ['private'],
  who: 'anyone',
  async run(ctx, input) {
    const ticket = input.match![1]!;
    const offer = await offerOf(ctx.tx, ticket, ctx.person.id);
    if (!offer) {
      if (!input.pressed) return false;
      ctx.reply(t.notOfferedToYou(ticket));
      return true;
    }
    const result = await claimRequest(ctx.tx, ticket, ctx.person.id, ctx.now);
    // The winner gets the details (with the visit buttons) in their private chat: that is the answer.
    if (!result.ok) ctx.reply(claimRefusal(result, ctx.hotline, timeZoneOf(ctx)));
    return true;
  },
};
