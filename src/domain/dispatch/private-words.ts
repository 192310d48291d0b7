import { and, eq } from 'drizzle-orm';
import { requests } from '../../../db/schema.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import { activeStatuses } from './claim.js';
import type { CommandContext } from '../commands/context.js';
import { volunteerOf } from '../volunteers/registration.js';

// === Dispatch words typed in a private chat that belong elsewhere: a short answer, not a resident intake

/** Claiming happens in the group that received the card (a task offered privately is claimed first, by `handlePrivateClaim`). */
const CLAIM = /^(接单|抢单|\/claim(@\w+)?)\s*(\d{8}-\d{4,})?$/i;
/** Binding is done in the group itself. */
const BIND = /^(\/bind(@\w+)?|绑定)(\s+\S+){0,2}$|^(\/unbind(@\w+)?|解绑|解除绑定)$/i;
/** A visit step without its ticket (with one, `handleVisitStep` records it). */
const BARE_STEP = /^(出发|到达|完成|放弃)(\s+\S.*)?$/s;

/**
 * Answers group-only words (接单, /claim, /bind, 解绑…) and visit steps without a ticket briefly;
 * false when the text is none of them. Bare 完成 and 放弃 are left to the flows unless the writer is
 * an approved volunteer: 完成 also ends the skill choice in the registration, and a resident's 放弃 is
 * not a visit step.
 */
export async function handleMisplacedWords(ctx: CommandContext): Promise<boolean> {
  const c = ctx.msg.content;
  if (c.kind !== 'text') return false;
  const text = c.text.trim();
  if (CLAIM.test(text)) {
    ctx.reply(t.claimInGroup);
    return true;
  }
  if (BIND.test(text)) {
    ctx.reply(t.bindInGroup);
    return true;
  }
  const step = BARE_STEP.exec(text)?.[1];
  if (!step) return false;
  const v = await volunteerOf(ctx.tx, ctx.person.id);
  const tasks = await ctx.tx
    .select({ ticket: requests.ticket })
    .from(requests)
    .where(and(eq(requests.volunteerId, ctx.person.id), activeStatuses))
    .orderBy(requests.id);
  if (tasks.length > 0)
    ctx.reply(
      t.stepNeedsTicket(
        step,
        tasks.map((r) => r.ticket),
      ),
    );
  else if (v?.status === 'approved') ctx.reply(t.stepNoTask(step));
  else if (step === '出发' || step === '到达') ctx.reply(t.stepNotVolunteer(step));
  else return false;
  return true;
}
