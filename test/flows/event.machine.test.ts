import { describe, expect, it } from 'vitest';
import { createEventMachine } from '../../flows/event.machine.js';
import { interpretEventInput } from '../../flows/event.input.js';
import type { EventContext, EventDraft, EventEvent } from '../../flows/event.types.js';
import { eventFlowDeps } from '../../src/app/event-flow.js';
import { readDemoStations } from '../support/stations.js';
import { stationTreeOf } from '../../src/domain/stations/tree.js';
import { parseEventTime } from '../../src/domain/events/time.js';
import { eventTexts as t } from '../../src/texts/events.js';
import { converse, referenceDeps } from './harness.js';

// Saturday 5 December 2026, 10:00 in Shanghai.
const NOW = new Date('2026-12-05T02:00:00Z');
const TZ = 'Asia/Shanghai';
const deps = eventFlowDeps(referenceDeps, stationTreeOf(readDemoStations()), TZ);
const machine = createEventMachine(deps);

const TIME_CHOICES = [
  { label: '12月25日（周五）08:30 （每月25日：党员先锋服务日）', local: '2026-12-25 08:30' },
  { label: '12月26日（周六）08:30 （每月最后一个周六：党员志愿服务日）', local: '2026-12-26 08:30' },
];

function start(organizerStations: string[] = ['nanhu-jianshe'], now = NOW) {
  return converse<EventContext, EventEvent, EventDraft>({
    machine,
    input: { organizerStations, timeChoices: TIME_CHOICES },
    interpret: (c, content) => interpretEventInput(c, content, (text) => parseEventTime(text, now, TZ)),
    answer: (e) => {
      if (e.type === 'createEvent') return { type: 'event.created', id: 7, groups: 2 };
      throw new Error(`unexpected effect ${e.type}`);
    },
    draftEffect: 'createEvent',
  });
}

/** Opened with 发布活动 and answered up to the summary. */
function toSummary() {
  const c = start();
  c.say('发布活动');
  c.say('党员志愿服务日 便民摊位');
  c.say('12月26日上午9点到11点');
  c.say('文昌社区广场');
  c.say('文昌');
  c.say('家电维修 理发 好了');
  c.say('10');
  return c;
}

describe('event flow', () => {
  it('gathers title, time, place, station, services and cap, then stores the event on 确认发布', () => {
    const c = toSummary();
    expect(c.state).toBe('summary');
    const summary = c.texts.join('\n');
    expect(summary).toContain('12月26日（周六）09:00–11:00');
    expect(summary).toContain('文昌社区');
    expect(summary).toContain('10 人');
    c.press('edit:submit');
    expect(c.status).toBe('done');
    expect(c.draft).toEqual({
      title: '党员志愿服务日 便民摊位',
      startsAt: '2026-12-26T01:00:00.000Z',
      endsAt: '2026-12-26T03:00:00.000Z',
      place: '文昌社区广场',
      latitude: null,
      longitude: null,
      stationCode: 'nanhu-jianshe-wenchang',
      services: expect.arrayContaining(['appliance-repair']),
      cap: 10,
    });
    expect(c.texts.join('\n')).toContain(t.created(7, 2));
  });

  it('offers the service days’ names as titles and the next service days as starts (button or number)', () => {
    const c = start();
    c.say('发布活动');
    expect(c.labels).toEqual(t.titleChoices);
    c.say('2');
    expect(c.context.title).toBe('党员先锋服务日');
    expect(c.labels).toEqual(TIME_CHOICES.map((x) => x.label));
    c.press('time:2026-12-26 08:30');
    expect(c.context).toMatchObject({ startsAt: '2026-12-26T00:30:00.000Z', endsAt: null });
    c.say('返回');
    c.say('1');
    expect(c.context.startsAt).toBe('2026-12-25T00:30:00.000Z');
    expect(c.state).toBe('place');
  });

  it('refuses a suggested start that has passed while the conversation waited', () => {
    const c = start(['nanhu-jianshe'], new Date('2026-12-25T01:00:00Z'));
    c.say('发布活动');
    c.say('巡逻');
    c.press('time:2026-12-25 08:30');
    expect(c.lastReply?.text).toBe(t.timePast);
    expect(c.state).toBe('time');
  });

  it('refuses someone who organizes no station', () => {
    const c = start([]);
    c.say('发布活动');
    expect(c.texts).toEqual([t.notOrganizer]);
    expect(c.status).toBe('done');
  });

  it('re-asks the time clearly: no time of day, a past time, words it cannot read, an end before the start', () => {
    const c = start();
    c.say('发布活动');
    c.say('河道清洁');
    expect(c.state).toBe('time');
    c.say('12月27日');
    expect(c.lastReply?.text).toBe(t.timeNoTime);
    c.say('12月1日 9点');
    expect(c.lastReply?.text).toBe(t.timePast);
    c.say('改天吧');
    expect(c.lastReply?.text).toBe(t.timeUnknown);
    c.say('明天下午3点到1点');
    expect(c.lastReply?.text).toBe(t.timeEndBeforeStart);
    expect(c.state).toBe('time');
    c.say('下周六 9:00');
    expect(c.state).toBe('place');
    expect(c.context.startsAt).toBe('2026-12-12T01:00:00.000Z');
  });

  it('takes a shared location as the place, with its coordinates', () => {
    const c = start();
    c.say('发布活动');
    c.say('河道清洁');
    c.say('2027-01-25 14:00');
    c.send({ kind: 'location', latitude: 30.75, longitude: 120.76, label: '南湖公园' });
    expect(c.context).toMatchObject({ place: '南湖公园', latitude: 30.75, longitude: 120.76 });
    expect(c.state).toBe('station');
  });

  it('offers the stations the organizer may use, and refuses a station outside them', () => {
    const c = start();
    c.say('发布活动');
    c.say('河道清洁');
    c.say('明天上午9点');
    c.say('文昌桥');
    // The organizer's own station first, then the stations directly below it.
    expect(c.labels.slice(0, 4)).toEqual(['建设街道分站', '文昌社区', '紫阳社区', '禾兴社区']);
    expect(c.labels).toHaveLength(5);
    c.say('秀园');
    expect(c.lastReply?.text).toBe(t.stationNotFound('秀园'));
    expect(c.state).toBe('station');
    c.say('2');
    expect(c.context.stationCode).toBe('nanhu-jianshe-wenchang');
    expect(c.state).toBe('services');
  });

  it('skips the station question when the organizer has only one station', () => {
    const c = start(['nanhu-jianshe-wenchang']);
    c.say('发布活动');
    c.say('河道清洁');
    c.say('明天上午9点');
    c.say('文昌桥');
    expect(c.state).toBe('services');
    expect(c.context.stationCode).toBe('nanhu-jianshe-wenchang');
  });

  it('picks several services by button, and 不限 for none; no cap with 不限', () => {
    const c = start(['nanhu-jianshe-wenchang']);
    for (const s of ['发布活动', '河道清洁', '明天上午9点', '文昌桥']) c.say(s);
    c.press('service:daily-life');
    c.press('service:elderly-care');
    expect(c.context.servicePicks).toEqual(['daily-life', 'elderly-care']);
    c.press('services:done');
    expect(c.context.services).toEqual(['daily-life', 'elderly-care']);
    c.say('不限');
    expect(c.context.cap).toBeNull();
    expect(c.state).toBe('summary');
    c.press('edit:services');
    c.say('不限');
    expect(c.context.services).toEqual([]);
    expect(c.state).toBe('summary');
  });

  it('refuses a cap that is no number, and changes a field from the summary then comes back', () => {
    const c = toSummary();
    c.press('edit:cap');
    c.say('很多');
    expect(c.lastReply?.text).toBe(t.capInvalid);
    c.say('二十人');
    expect(c.context.cap).toBe(20);
    expect(c.state).toBe('summary');
    c.press('edit:title');
    c.say('河道清洁');
    expect(c.state).toBe('summary');
    expect(c.context.title).toBe('河道清洁');
  });

  it('返回 goes one step back, 帮助 explains, 取消 stops without storing', () => {
    const c = start();
    c.say('发布活动');
    c.say('河道清洁');
    c.say('返回');
    expect(c.state).toBe('title');
    c.say('帮助');
    expect(c.texts[0]).toBe(t.titleHelp);
    c.say('取消');
    expect(c.status).toBe('done');
    expect(c.effectsOf('createEvent')).toEqual([]);
  });

  it('handles stale buttons, photos, emoji and very long text without moving on', () => {
    const c = toSummary();
    const old = c.questionId - 1;
    c.press('edit:submit', old);
    expect(c.state).toBe('summary');
    expect(c.texts[0]).toContain(t.stale);
    c.send({ kind: 'media', media: 'photo' });
    expect(c.state).toBe('summary');
    const d = start();
    d.say('发布活动');
    d.say('🎉🎉');
    expect(d.lastReply?.text).toBe(t.titleInvalid);
    d.say('活'.repeat(5000));
    expect(d.state).toBe('title');
  });
});
