import { and, eq } from 'drizzle-orm';
import { announcements, chatGroups, requests, unboundGroupNotices } from '../../../db/schema.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import { claimRefusal, claimRequest } from './claim.js';
import { groupBindingOf, timeZoneOf } from '../commands/context.js';
import { type Command, NO_ARGS } from '../commands/registry.js';
import { isOrganizerOf } from '../people/roles.js';
import { stationNamed } from './station-names.js';

// === What the bot does with messages in group chats: bind, unbind, claim; otherwise stay quiet

/** `/bind <站点> [技能]` (绑定): this group gets the station's tasks (of one skill). */
export const bindCommand: Command = {
  name: 'bind',
  slash: ['/bind'],
  words: ['绑定'],
  args: /^\s+(\S+)(?:\s+(\S+))?\s*$/,
  where: ['group'],
  who: 'organizer',
  elsewhere: { text: t.bindInGroup, args: /^(\s+\S+){0,2}$/ },
  async run(ctx, { match }) {
    const { tx, msg, person, now } = ctx;
    const [, stationText, skillText] = match!;
    const group = await groupBindingOf(ctx);
    const station = stationNamed(ctx, stationText!, (code) => `/bind ${code}${skillText ? ` ${skillText}` : ''}`);
    if (!station) return;
    if (!(await isOrganizerOf(tx, ctx.tree, person.id, station.id))) return;
    // Moving a bound group is unbinding it too: only an organizer of its current station may.
    if (group && !(await isOrganizerOf(tx, ctx.tree, person.id, group.stationId))) return;
    const skill = skillText ? ctx.findSkill(skillText) : null;
    if (skillText && !skill) return ctx.reply(t.unknownSkill(skillText));
    const values = { stationId: station.id, skill: skill?.code ?? null, boundBy: person.id, boundAt: now };
    await tx
      .insert(chatGroups)
      .values({ channel: msg.channel, chatId: msg.chatId, ...values })
      .onConflictDoUpdate({ target: [chatGroups.channel, chatGroups.chatId], set: values });
    ctx.reply(t.bound(station.name, skill?.name ?? null));
  },
};

/** `/unbind` (解绑, 解除绑定): by an organizer of the group's station. */
export const unbindCommand: Command = {
  name: 'unbind',
  slash: ['/unbind'],
  words: ['解绑', '解除绑定'],
  where: ['group'],
  who: 'organizer',
  elsewhere: { text: t.bindInGroup, args: NO_ARGS },
  async run(ctx) {
    const { tx, msg, person } = ctx;
    const group = await groupBindingOf(ctx);
    if (!group || !(await isOrganizerOf(tx, ctx.tree, person.id, group.stationId))) return;
    await tx.delete(chatGroups).where(and(eq(chatGroups.channel, msg.channel), eq(chatGroups.chatId, msg.chatId)));
    ctx.reply(t.unbound);
  },
};

/** Anything else in a group that is bound to no station: told once how to bind it, then quiet. */
export const unboundGroupCommand: Command = {
  name: 'unbound-group',
  anyMessage: true,
  where: ['group'],
  who: 'anyone',
  async run(ctx) {
    if (await groupBindingOf(ctx)) return false;
    const told = await ctx.tx
      .insert(unboundGroupNotices)
      .values({ channel: ctx.msg.channel, chatId: ctx.msg.chatId, at: ctx.now })
      .onConflictDoNothing()
      .returning({ chatId: unboundGroupNotices.chatId });
    if (told.length > 0) ctx.reply(t.notBound);
    return true;
  },
};

/** A claim in a bound group: the card's button, or `接单 20261122-0001` typed (in a private chat: where to claim). */
export const groupClaimCommand: Command = {
  name: 'claim',
  slash: ['/claim'],
  words: ['接单', '抢单'],
  args: /^\s*(\d{8}-\d{4,})/,
  buttons: /^claim:(.*)$/s,
  where: ['group'],
  who: 'anyone',
  elsewhere: { text: t.claimInGroup, args: /^\s*(\d{8}-\d{4,})?$/ },
  async run(ctx, { match, pressed }) {
    const { tx, msg, person, now } = ctx;
    const ticket = match![1]!;
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
    if (pressed) ctx.notice(refusal);
    else await ctx.tellPrivately(refusal);
  },
};
