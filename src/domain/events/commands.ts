import { and, asc, eq, gt, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { chatGroups, eventSignups, events } from '../../../db/schema.js';
import type { CommandHook } from '../../core/flow-runner.js';
import { enqueueMessages } from '../../core/outbox.js';
import { eventTexts as t } from '../../texts/events.js';
import { volunteerOf } from '../volunteers/registration.js';
import { isOrganizer, isOrganizerOf, privateChatOf, stationsOfOrganizer } from '../people/roles.js';
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

type Hook = Parameters<CommandHook>[0];

/** What a message asks of events, or null when it is none of this. */
type EventAsk =
  | { kind: 'signup' | 'cancel' | 'checkin' | 'checkout'; id: string }
  | { kind: 'checkin-any' }
  | { kind: 'upcoming' }
  | { kind: 'list' }
  | { kind: 'detail' | 'cancel-event'; id: string | undefined }
  | { kind: 'confirm'; id: string | undefined; person: string | undefined };

const BUTTONS: Record<string, 'signup' | 'checkin' | 'checkout'> = { 'event-signup': 'signup', 'event-checkin': 'checkin', 'event-checkout': 'checkout' };
const WORDS: Record<string, 'signup' | 'cancel' | 'checkin' | 'checkout'> = { 报名: 'signup', 取消报名: 'cancel', 签到: 'checkin', 签退: 'checkout' };

/** Reads a button press or typed command; `/…` organizer commands only in private chats. */
function readEventAsk(content: Hook['msg']['content'], isGroup: boolean): EventAsk | null {
  if (content.kind === 'choice') {
    const m = /^(event-signup|event-checkin|event-checkout):(\d{1,9})$/.exec(content.choiceId);
    return m ? { kind: BUTTONS[m[1]!]!, id: m[2]! } : null;
  }
  if (content.kind !== 'text') return null;
  const text = content.text.trim().replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const word = /^(报名|取消报名|签到|签退)\s*(?:活动)?\s*(\d{1,9})$/u.exec(text);
  if (word) return { kind: WORDS[word[1]!]!, id: word[2]! };
  if (isGroup) return null;
  if (text === '签到') return { kind: 'checkin-any' };
  if (/^(活动|近期活动|最近活动|有什么活动)$/u.test(text)) return { kind: 'upcoming' };
  const [cmd = '', ...args] = text.split(/\s+/);
  const name = cmd.replace(/@\w+$/, '').toLowerCase();
  if (name === '/events') return { kind: 'list' };
  if (name === '/event') return { kind: 'detail', id: args[0] };
  if (name === '/cancelevent') return { kind: 'cancel-event', id: args[0] };
  if (name === '/checkin') return { kind: 'confirm', id: args[0], person: args[1] };
  return null;
}

/** The event commands as a command hook: it runs before dispatch's and takes only what is its own. */
export function createEventCommands(options: { tree: StationTree; settings: EventSettings }): CommandHook {
  const { tree, settings } = options;
  const rules = { earlyMinutes: settings.checkInEarlyMinutes, radiusMeters: settings.checkInRadiusMeters, timeZone: settings.timeZone };
  const tellPrivately = async (h: Hook, text: string) => {
    await enqueueMessages(h.tx, [{ channel: h.msg.channel, chatId: h.msg.userId, payload: { text } }], h.now);
  };
  const say = (h: Hook, text: string) => h.reply({ text });

  return async (h) => {
    const content = h.msg.content;
    if (!h.msg.isGroup && content.kind === 'location') {
      const open = await checkInOpenFor(h.tx, h.person.id, h.now, rules.earlyMinutes);
      if (open.length === 0) return false; // a location for a conversation, not a check-in
      if (open.length > 1) say(h, t.checkInWhich);
      else say(h, (await checkIn(h.tx, open[0]!, h.person.id, h.now, rules, content)).text);
      return true;
    }
    const ask = readEventAsk(content, h.msg.isGroup);
    if (!ask) return false;
    if (h.msg.isGroup) {
      const [group] = await h.tx
        .select({ chatId: chatGroups.chatId })
        .from(chatGroups)
        .where(and(eq(chatGroups.channel, h.msg.channel), eq(chatGroups.chatId, h.msg.chatId)));
      if (!group || (ask.kind !== 'signup' && ask.kind !== 'cancel')) return false;
      const result =
        ask.kind === 'signup'
          ? await signUp(h.tx, ask.id, h.person.id, h.now, settings.timeZone)
          : await cancelSignup(h.tx, ask.id, h.person.id, h.now, settings.timeZone);
      // Answers go on the button, or privately: never in front of the group.
      if (content.kind === 'choice') h.notice(result.text);
      else await tellPrivately(h, result.text);
      return true;
    }
    switch (ask.kind) {
      case 'signup':
        say(h, (await signUp(h.tx, ask.id, h.person.id, h.now, settings.timeZone)).text);
        return true;
      case 'cancel':
        say(h, (await cancelSignup(h.tx, ask.id, h.person.id, h.now, settings.timeZone)).text);
        return true;
      case 'checkin':
        say(h, (await checkIn(h.tx, Number(ask.id), h.person.id, h.now, rules)).text);
        return true;
      case 'checkout':
        say(h, (await checkOut(h.tx, Number(ask.id), h.person.id, h.now)).text);
        return true;
      case 'checkin-any': {
        const open = await checkInOpenFor(h.tx, h.person.id, h.now, rules.earlyMinutes);
        if (open.length === 1) say(h, (await checkIn(h.tx, open[0]!, h.person.id, h.now, rules)).text);
        else say(h, open.length === 0 ? t.locationNoEvent : t.checkInWhich);
        return true;
      }
      case 'upcoming':
        say(h, await upcomingText(h.tx, tree, h.person.id, h.now, settings.timeZone));
        return true;
      default:
        await organizerCommand(h, ask, tree, settings);
        return true;
    }
  };
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

type OrganizerAsk = Extract<EventAsk, { kind: 'list' | 'detail' | 'cancel-event' | 'confirm' }>;

async function organizerCommand(h: Hook, ask: OrganizerAsk, tree: StationTree, settings: EventSettings) {
  const say = (text: string) => h.reply({ text });
  if (!(await isOrganizer(h.tx, h.person.id))) return say(t.organizerCommandRefused[ask.kind]);
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
async function cancelEvent(h: Hook, eventId: number, timeZone: string): Promise<string> {
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
