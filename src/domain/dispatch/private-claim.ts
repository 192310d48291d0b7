import { dispatchTexts as t } from '../../texts/dispatch.js';
import { claimRefusal, claimRequest } from './claim.js';
import { type CommandContext, timeZoneOf } from '../commands/context.js';
import { offerOf } from './private-offers.js';

// === Claiming in a private chat: only a task that was offered to this person there

/** `接单 <单号>`, `抢单 <单号>`, `/claim <单号>`, or the offer's button `claim:<单号>`. */
function privateClaim(ctx: CommandContext): { ticket: string; pressed: boolean } | null {
  const c = ctx.msg.content;
  if (c.kind === 'choice') {
    const m = /^claim:(\d{8}-\d{4,})$/.exec(c.choiceId);
    return m ? { ticket: m[1]!, pressed: true } : null;
  }
  if (c.kind !== 'text') return null;
  const m = /^(?:接单|抢单|\/claim(?:@\w+)?)\s*(\d{8}-\d{4,})$/i.exec(c.text.trim());
  return m ? { ticket: m[1]!, pressed: false } : null;
}

/**
 * A claim in private chat. With an offer for this person: the one conditional update of
 * `claimRequest` (one winner across groups and private chats); a refusal is answered here. Without an
 * offer, a pressed button is told so, and typed words are left to `handleMisplacedWords` (the pointer
 * to the group). False when the message is no claim.
 */
export async function handlePrivateClaim(ctx: CommandContext): Promise<boolean> {
  if (ctx.msg.isGroup) return false;
  const claim = privateClaim(ctx);
  if (!claim) return false;
  const offer = await offerOf(ctx.tx, claim.ticket, ctx.person.id);
  if (!offer) {
    if (!claim.pressed) return false;
    ctx.reply(t.notOfferedToYou(claim.ticket));
    return true;
  }
  const result = await claimRequest(ctx.tx, claim.ticket, ctx.person.id, ctx.now);
  // The winner gets the details (with the visit buttons) in their private chat: that is the answer.
  if (!result.ok) ctx.reply(claimRefusal(result, ctx.hotline, timeZoneOf(ctx)));
  return true;
}
