import { and, eq } from 'drizzle-orm';
import { announcements, chatGroups, requests, unboundGroupNotices } from '../../../db/schema.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import { claimRefusal, claimRequest } from './claim.js';
import { type CommandContext, timeZoneOf } from '../commands/context.js';
import { isOrganizer, isOrganizerOf } from '../people/roles.js';
import { stationNamed } from './station-names.js';

// === What the bot does with messages in group chats: bind, unbind, claim; otherwise stay quiet

/** A claim: the card's button, or `接单 20261122-0001` typed. */
function claimTicket(ctx: CommandContext): string | null {
  const c = ctx.msg.content;
  if (c.kind === 'choice') return c.choiceId.startsWith('claim:') ? c.choiceId.slice('claim:'.length) : null;
  if (c.kind !== 'text') return null;
  const m = /^(接单|抢单|\/claim)\s*(\d{8}-\d{4,})/.exec(c.text.trim());
  return m?.[2] ?? null;
}

export async function handleGroupMessage(ctx: CommandContext): Promise<void> {
  const { tx, msg, person, now } = ctx;
  const text = msg.content.kind === 'text' ? msg.content.text.trim() : '';
  const [group] = await tx
    .select()
    .from(chatGroups)
    .where(and(eq(chatGroups.channel, msg.channel), eq(chatGroups.chatId, msg.chatId)));

  const bind = /^(?:\/bind(?:@\w+)?|绑定)\s+(\S+)(?:\s+(\S+))?\s*$/.exec(text);
  if (bind) {
    if (!(await isOrganizer(tx, person.id))) return;
    const station = stationNamed(ctx, bind[1]!, (code) => `/bind ${code}${bind[2] ? ` ${bind[2]}` : ''}`);
    if (!station) return;
    if (!(await isOrganizerOf(tx, ctx.tree, person.id, station.id))) return;
    // Moving a bound group is unbinding it too: only an organizer of its current station may.
    if (group && !(await isOrganizerOf(tx, ctx.tree, person.id, group.stationId))) return;
    const skill = bind[2] ? ctx.findSkill(bind[2]) : null;
    if (bind[2] && !skill) return ctx.reply(t.unknownSkill(bind[2]));
    const values = { stationId: station.id, skill: skill?.code ?? null, boundBy: person.id, boundAt: now };
    await tx
      .insert(chatGroups)
      .values({ channel: msg.channel, chatId: msg.chatId, ...values })
      .onConflictDoUpdate({ target: [chatGroups.channel, chatGroups.chatId], set: values });
    return ctx.reply(t.bound(station.name, skill?.name ?? null));
  }
  if (/^(\/unbind(@\w+)?|解绑|解除绑定)$/.test(text)) {
    if (!group || !(await isOrganizerOf(tx, ctx.tree, person.id, group.stationId))) return;
    await tx.delete(chatGroups).where(and(eq(chatGroups.channel, msg.channel), eq(chatGroups.chatId, msg.chatId)));
    return ctx.reply(t.unbound);
  }
  if (!group) {
    const told = await tx
      .insert(unboundGroupNotices)
      .values({ channel: msg.channel, chatId: msg.chatId, at: now })
      .onConflictDoNothing()
      .returning({ chatId: unboundGroupNotices.chatId });
    if (told.length > 0) ctx.reply(t.notBound);
    return;
  }
  const ticket = claimTicket(ctx);
  if (!ticket) return;
  // Claims count only where the task was announced: a ticket number alone opens nothing elsewhere.
  const [announced] = await tx
    .select({ id: announcements.id })
    .from(announcements)
    .innerJoin(requests, eq(requests.id, announcements.requestId))
    .where(and(eq(requests.ticket, ticket), eq(announcements.channel, msg.channel), eq(announcements.chatId, msg.chatId)));
  const result = announced ? await claimRequest(tx, ticket, person.id, now) : null;
  if (result?.ok) return;
  const refusal = result ? claimRefusal(result, ctx.hotline, timeZoneOf(ctx)) : t.notAnnouncedHere(ticket);
  // Refusals are answered on the button itself, or privately: never in front of the group.
  if (msg.content.kind === 'choice') ctx.notice(refusal);
  else ctx.tellPrivately(refusal);
}
