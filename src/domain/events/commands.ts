import { and, asc, eq, gt, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { eventSignups, events } from '../../../db/schema.js';
import type { IncomingContent } from '../../core/message.js';
import { enqueueMessages } from '../../core/outbox.js';
import { eventTexts as t } from '../../texts/events.js';
import { volunteerOf } from '../volunteers/registration.js';
import { type CommandContext, groupBindingOf } from '../commands/context.js';
import { ANY_ARGS, type Command } from '../commands/registry.js';
import { isOrganizerOf, privateChatOf, stationsOfOrganizer } from '../people/roles.js';
import type { StationTree } from '../stations/tree.js';
import { eventDetailText, eventsListText } from './attendance.js';
import { checkIn, checkInOpenFor, checkOut, confirmCheckIn } from './checkin.js';
import { editEventCards, eventView } from './events.js';
import { cancelSignup, signUp } from './signup.js';
import { formatEventTime } from './time.js';

// === Event commands: 报名 / 取消报名 (groups and private), 签到 / 签退, 活动, and organizers' /events, /event, /checkin, /cancelevent

/** The settings event commands follow (from config). */
export interface EventSettings {
  timeZone: string;
  remindHoursBefore: number;
  checkInEarlyMinutes: number;
  checkInRadiusMeters: number;
}

/** An event's id as typed (`报名 3`, `报名活动 3`, full-width digits too). */
const EVENT_ID = /^\s*(?:活动)?\s*([0-9\uFF10-\uFF19]{1,9})$/u;
/** The same, or nothing (`签到` alone: the one event open for check-in). */
const MAYBE_EVENT_ID = /^(?:\s*(?:活动)?\s*([0-9\uFF10-\uFF19]{1,9}))?$/u;
const digits = (id: string) => id.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

type OrganizerAsk = 'list' | 'detail' | 'cancel-event' | 'confirm';

/**
 * The event commands, tried before dispatch's: 报名 / 取消报名 (a bound group and private chats),
 * 签到 / 签退 (and a shared location), 活动, and the organizers' /events, /event, /cancelevent, /checkin.
 */
export function eventCommands(options: { tree: StationTree; settings: EventSettings }): Command[] {
  const { tree, settings } = options;
  const rules = { earlyMinutes: settings.checkInEarlyMinutes, radiusMeters: settings.checkInRadiusMeters, timeZone: settings.timeZone };
  /** In a group only a bound group's sign-ups count, answered on the button or privately: never in front of the group. */
  const signUpOrCancel = (
    name: string,
    words: string[],
    button: RegExp | undefined,
    act: (...a: Parameters<typeof signUp>) => Promise<{ text: string }>,
  ): Command => ({
    name,
    words,
    args: EVENT_ID,
    ...(button ? { buttons: button } : {}),
    where: ['group', 'private'],
    who: 'anyone',
    async run(ctx, { match, pressed }) {
      if (ctx.msg.isGroup && !(await groupBindingOf(ctx))) return false;
      const { text } = await act(ctx.tx, digits(match![1]!), ctx.person.id, ctx.now, settings.timeZone);
      if (!ctx.msg.isGroup) ctx.reply(text);
      else if (pressed) ctx.notice(text);
      else await ctx.tellPrivately(text);
    },
  });
  const organizer = (slash: string, ask: OrganizerAsk): Command => ({
    name: slash.slice(1),
    slash: [slash],
    args: ANY_ARGS,
    where: ['private'],
    who: 'organizer',
    refusal: t.organizerCommandRefused[ask],
    run: (ctx, { args }) => organizerCommand(ctx, ask, args, tree, settings),
  });
  return [
    {
      name: 'check-in-by-location',
      location: true,
      where: ['private'],
      who: 'anyone',
      async run(ctx) {
        const open = await checkInOpenFor(ctx.tx, ctx.person.id, ctx.now, rules.earlyMinutes);
        if (open.length === 0) return false; // a location for a conversation, not a check-in
        const content = ctx.msg.content as Extract<IncomingContent, { kind: 'location' }>;
        ctx.reply(open.length > 1 ? t.checkInWhich : (await checkIn(ctx.tx, open[0]!, ctx.person.id, ctx.now, rules, content)).text);
      },
    },
    signUpOrCancel('sign-up', ['报名'], /^event-signup:(\d{1,9})$/, signUp),
    signUpOrCancel('cancel-sign-up', ['取消报名'], undefined, cancelSignup),
    {
      name: 'check-in',
      words: ['签到'],
      args: MAYBE_EVENT_ID,
      buttons: /^event-checkin:(\d{1,9})$/,
      where: ['private'],
      who: 'anyone',
      async run(ctx, { match }) {
        if (match![1]) return ctx.reply((await checkIn(ctx.tx, Number(digits(match![1])), ctx.person.id, ctx.now, rules)).text);
        // 签到 alone: the one event open for check-in.
        const open = await checkInOpenFor(ctx.tx, ctx.person.id, ctx.now, rules.earlyMinutes);
        if (open.length === 1) ctx.reply((await checkIn(ctx.tx, open[0]!, ctx.person.id, ctx.now, rules)).text);
        else ctx.reply(open.length === 0 ? t.locationNoEvent : t.checkInWhich);
      },
    },
    {
      name: 'check-out',
      words: ['签退'],
      args: EVENT_ID,
      buttons: /^event-checkout:(\d{1,9})$/,
      where: ['private'],
      who: 'anyone',
      run: async (ctx, { match }) => ctx.reply((await checkOut(ctx.tx, Number(digits(match![1]!)), ctx.person.id, ctx.now)).text),
    },
    {
      name: 'upcoming-events',
      words: ['活动', '近期活动', '最近活动', '有什么活动'],
      where: ['private'],
      who: 'anyone',
      run: async (ctx) => ctx.reply(await upcomingText(ctx.tx, tree, ctx.person.id, ctx.now, settings.timeZone)),
    },
    organizer('/events', 'list'),
    organizer('/event', 'detail'),
    organizer('/cancelevent', 'cancel-event'),
    organizer('/checkin', 'confirm'),
  ];
}

/** Open events of the volunteer's station and the stations above it that have not started, soonest first. */
async function upcomingText(tx: Db, tree: StationTree, personId: number, now: Date, timeZone: string): Promise<string> {
  const v = await volunteerOf(tx, personId);
  if (v?.status !== 'approved') return t.notVolunteer;
  const rows = await tx
    .select()
    .from(events)
    .where(and(inArray(events.stationId, tree.chain(v.stationId)), eq(events.status, 'open'), gt(events.startsAt, now)))
    .orderBy(asc(events.startsAt))
    .limit(10);
  if (rows.length === 0) return t.upcomingNone;
  return [
    t.upcomingTitle,
    ...rows.map((e) => `· ${e.id} ${formatEventTime(e.startsAt, e.endsAt, timeZone, now)} ${e.title}（${e.place}）已报名 ${t.count(e.signedUp, e.cap)}`),
  ].join('\n');
}

async function organizerCommand(h: CommandContext, kind: OrganizerAsk, args: string[], tree: StationTree, settings: EventSettings) {
  const say = (text: string) => h.reply(text);
  const ask = { kind, id: args[0], person: args[1] };
  if (ask.kind === 'list') return say(await eventsListText(h.tx, await stationsOfOrganizer(h.tx, tree, h.person.id), h.now, settings.timeZone));
  const usage = { detail: '/event 活动编号', 'cancel-event': '/cancelevent 活动编号', confirm: '/checkin 活动编号 志愿者编号' }[ask.kind];
  if (!ask.id || !/^\d{1,9}$/.test(ask.id)) return say(t.usage(usage));
  const e = await eventView(h.tx, Number(ask.id));
  if (!e) return say(t.noSuchEvent(ask.id));
  if (!(await isOrganizerOf(h.tx, tree, h.person.id, e.stationId))) return say(t.notOrganizerOfEvent);
  if (ask.kind === 'detail') return say(await eventDetailText(h.tx, e, settings.timeZone));
  if (ask.kind === 'cancel-event') return say(await cancelEvent(h, e.id, settings.timeZone));
  const person = ask.kind === 'confirm' ? ask.person : undefined;
  const personId = person && /^\d{1,9}$/.test(person) ? Number(person) : null;
  if (personId === null) return say(t.usage(usage));
  const outcome = await confirmCheckIn(h.tx, e, personId, h.now, settings.checkInEarlyMinutes);
  if (outcome === 'not_signed') return say(t.confirmNotSigned(e.id, String(personId)));
  if (outcome === 'already') return say(t.alreadyCheckedIn(e.id));
  if (outcome === 'too_early')
    return say(t.checkInTooEarly(e.id, formatEventTime(new Date(e.startsAt.getTime() - settings.checkInEarlyMinutes * 60_000), null, settings.timeZone)));
  const v = await volunteerOf(h.tx, personId);
  const chat = await privateChatOf(h.tx, personId);
  if (chat) await enqueueMessages(h.tx, [{ ...chat, payload: { text: t.checkedInByOrganizer(e.id, e.title) } }], h.now);
  return say(t.confirmedCheckIn(e.id, v?.name ?? String(personId)));
}

/** Cancels an event: its cards say so, everyone signed up or waiting is told privately. */
async function cancelEvent(h: CommandContext, eventId: number, timeZone: string): Promise<string> {
  const [changed] = await h.tx
    .update(events)
    .set({ status: 'cancelled' })
    .where(and(eq(events.id, eventId), eq(events.status, 'open')))
    .returning({ title: events.title });
  if (!changed) return t.eventClosed(eventId);
  await editEventCards(h.tx, eventId, h.now, timeZone);
  const people = await h.tx
    .select({ personId: eventSignups.personId })
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, eventId), ne(eventSignups.status, 'cancelled')));
  for (const p of people) {
    const chat = await privateChatOf(h.tx, p.personId);
    if (chat)
      await enqueueMessages(
        h.tx,
        [{ ...chat, payload: { text: t.eventCancelledNotice(eventId, changed.title) }, dedupKey: `event-cancelled:${eventId}:${p.personId}` }],
        h.now,
      );
  }
  return t.eventCancelledOk(eventId);
}
