import { and, eq } from 'drizzle-orm';
import { requests } from '../../../db/schema.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import { activeStatuses } from './claim.js';
import type { Command } from '../commands/registry.js';
import { volunteerOf } from '../volunteers/registration.js';
import { VISIT_STEP_WORDS } from './volunteer-commands.js';

// === Visit steps typed in a private chat without their ticket: a short answer, not a resident intake
// (the group's words typed here, 接单 and /bind, are answered by their commands' `elsewhere`)

/**
 * A visit step without its ticket (with one, the visit step records it) is answered briefly. Bare
 * 完成 and 放弃 are left to the flows unless the writer is an approved volunteer or has a task: 完成
 * also ends the skill choice in the registration, and a resident's 放弃 is not a visit step.
 */
export const bareStepCommand: Command = {
  name: 'visit-step-without-ticket',
  words: VISIT_STEP_WORDS,
  args: /^(\s+\S.*)?$/s,
  where: ['private'],
  who: 'anyone',
  async run(ctx, { form: step }) {
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
  },
};
