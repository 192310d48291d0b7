import { and } from 'xstate';
import { eventTexts as t } from '../src/texts/events.js';
import { textOf } from './common/guards.js';
import { answersAnywhere, noQuestion, payload, reask, say } from './common/question.js';
import { readCap, readPlace, readServices, readTitle } from './event.input.js';
import {
  capQuestion,
  draftOf,
  placeQuestion,
  servicesQuestion,
  stationQuestion,
  type SUMMARY_FIELDS,
  summaryQuestion,
  timeQuestion,
  titleQuestion,
} from './event.questions.js';
import { eventKit, pickedExactly as picked, timeOf } from './event.setup.js';
import type { EventContext, EventEvent, EventFlowDeps, EventInput } from './event.types.js';

/** Bump when a change makes saved snapshots unfit: old conversations then restart politely. */
export const EVENT_FLOW_VERSION = 1;
/** The flow's id, as saved with its conversations. */
export const EVENT_FLOW_ID = 'event';

type Ctx = EventContext;
type Ev = EventEvent;

const MAX_SERVICES = 20;

const TIME_HINTS = {
  no_time: t.timeNoTime,
  unknown: t.timeUnknown,
  past: t.timePast,
  end_before_start: t.timeEndBeforeStart,
  too_far: t.timeTooFar,
} as const;

/** A fresh context: nothing gathered yet. */
export function initialEventContext(input: EventInput): EventContext {
  return {
    organizerStations: input.organizerStations,
    timeChoices: input.timeChoices,
    question: noQuestion(),
    title: null,
    startsAt: null,
    endsAt: null,
    place: null,
    latitude: null,
    longitude: null,
    stationCode: null,
    stationOptions: [],
    services: [],
    servicePicks: [],
    cap: null,
    editing: false,
  };
}

/** An organizer's event: title → time → place → station → services → cap → summary → stored and announced. */
export function createEventMachine(deps: EventFlowDeps) {
  const kit = eventKit(deps);
  const { s, ask, fallback, pick, summaryOr, stationsFor } = kit;

  const setStation = (code: (ctx: Ctx, ev: Ev) => string | null) => s.assign({ stationCode: ({ context, event }) => code(context, event) });
  const chooseStation = { guard: pick('station:'), target: 'afterStation', actions: setStation((c, e) => picked(e, c, 'station:')) } as const;
  const addPicks = (codes: (ev: Ev) => string[]) =>
    s.assign({ servicePicks: ({ context, event }) => [...new Set([...context.servicePicks, ...codes(event)])].slice(0, MAX_SERVICES) });
  const commitServices = s.assign({ services: ({ context }) => context.servicePicks });
  const servicesFromText = (ev: Ev) => readServices(textOf(ev), deps).codes;
  const askServicesAgain = ask((ctx, ev) => {
    const unknown = readServices(textOf(ev), deps).unknown;
    return servicesQuestion(ctx, deps, unknown.length > 0 ? t.servicesNotFound(unknown) : undefined);
  });
  const servicesDone = [
    { guard: and(['servicesDone', 'hasPicks']), target: 'afterServices', actions: commitServices },
    { guard: 'servicesDone', actions: reask(t.servicesNoneChosen) },
    { guard: 'servicesAny', target: 'afterServices', actions: s.assign({ services: [], servicePicks: [] }) },
  ] as const;
  const setCap = (cap: (ev: Ev) => number | null) => s.assign({ cap: ({ event }) => cap(event) });
  const edit = (field: Exclude<(typeof SUMMARY_FIELDS)[number], 'submit'>) =>
    ({ guard: pick(`edit:${field}`), target: field, actions: s.assign({ editing: true }) }) as const;
  const edits = [
    { guard: pick('edit:submit'), target: 'submitting' },
    edit('title'),
    edit('time'),
    edit('place'),
    edit('station'),
    edit('services'),
    edit('cap'),
  ] as const;

  return s.createMachine({
    id: EVENT_FLOW_ID,
    context: ({ input }) => initialEventContext(input),
    initial: 'idle',
    on: {
      ...answersAnywhere(t),
      'nav.cancel': { target: '.cancelled', actions: say(t.cancelled) },
      'nav.start': {
        target: '.title',
        actions: [s.assign(({ context }) => ({ ...initialEventContext(context), question: context.question })), say(t.welcome)],
      },
    },
    states: {
      // The message that opened the flow (发布活动, /newevent) is not an answer.
      idle: {
        on: {
          '*': [
            { guard: 'organizer', target: 'title', actions: say(t.welcome) },
            { target: 'refused', actions: say(t.notOrganizer) },
          ],
        },
      },
      refused: { type: 'final' },
      title: {
        entry: ask(() => titleQuestion()),
        on: {
          'answer.choice': [
            { guard: pick('title:'), target: 'afterTitle', actions: s.assign({ title: ({ context, event }) => picked(event, context, 'title:') }) },
            fallback,
          ],
          'answer.text': [
            { guard: pick('title:'), target: 'afterTitle', actions: s.assign({ title: ({ context, event }) => picked(event, context, 'title:') }) },
            { guard: 'validTitle', target: 'afterTitle', actions: s.assign({ title: ({ event }) => readTitle(textOf(event)) }) },
            { actions: reask(t.titleInvalid) },
          ],
          'nav.back': [{ guard: 'editing', target: 'summary' }, { actions: [say(t.firstStep), reask()] }],
        },
      },
      afterTitle: { always: summaryOr('time') },
      time: {
        entry: ask((ctx) => timeQuestion(ctx)),
        on: {
          'answer.text': [
            {
              guard: 'timeOk',
              target: 'afterTime',
              actions: s.assign(({ event }) => {
                const r = timeOf(event);
                return r?.ok ? { startsAt: r.startsAt, endsAt: r.endsAt } : {};
              }),
            },
            {
              actions: {
                type: 'reply',
                params: ({ context, event }) => {
                  const r = timeOf(event);
                  return payload(context, r && !r.ok ? `${TIME_HINTS[r.reason]}` : t.timeUnknown);
                },
              },
            },
          ],
          'nav.back': summaryOr('title'),
        },
      },
      afterTime: { always: summaryOr('place') },
      place: {
        entry: ask(() => placeQuestion()),
        on: {
          'answer.text': [
            {
              guard: 'validPlace',
              target: 'afterPlace',
              actions: s.assign({ place: ({ event }) => readPlace(textOf(event)), latitude: null, longitude: null }),
            },
            { actions: reask(t.placeInvalid) },
          ],
          'answer.location': {
            target: 'afterPlace',
            actions: s.assign(({ event }) =>
              event.type === 'answer.location'
                ? { place: readPlace(event.label ?? '') ?? t.sharedPlace, latitude: event.latitude, longitude: event.longitude }
                : {},
            ),
          },
          'nav.back': summaryOr('time'),
        },
      },
      afterPlace: {
        always: [
          { guard: 'editing', target: 'summary' },
          {
            guard: 'singleStation',
            target: 'services',
            actions: s.assign({ stationCode: ({ context }) => deps.stationChoices(context.organizerStations)[0]?.code ?? null }),
          },
          { target: 'station' },
        ],
      },
      station: {
        entry: ask((ctx) => stationQuestion(ctx, deps)),
        exit: s.assign({ stationOptions: [] }),
        on: {
          'answer.text': [
            chooseStation,
            { guard: 'oneStation', target: 'afterStation', actions: setStation((c, e) => stationsFor(c, e)[0]?.code ?? null) },
            {
              guard: 'severalStations',
              actions: [
                s.assign({
                  stationOptions: ({ context, event }) =>
                    stationsFor(context, event)
                      .map((x) => x.code)
                      .slice(0, 9),
                }),
                ...ask((ctx) => stationQuestion(ctx, deps, t.stationSeveral)),
              ],
            },
            {
              guard: 'meaningful',
              actions: { type: 'reply', params: ({ context, event }) => payload(context, t.stationNotFound([...textOf(event)].slice(0, 20).join(''))) },
            },
            fallback,
          ],
          'answer.choice': [chooseStation, fallback],
          'nav.back': summaryOr('place'),
        },
      },
      afterStation: { always: summaryOr('services') },
      services: {
        entry: [s.assign({ servicePicks: ({ context }) => context.services }), ...ask((ctx) => servicesQuestion(ctx, deps))],
        on: {
          'answer.text': [
            ...servicesDone,
            { guard: 'servicesFoundAndDone', target: 'afterServices', actions: [addPicks(servicesFromText), commitServices] },
            { guard: 'servicesFound', actions: [addPicks(servicesFromText), ...askServicesAgain] },
            {
              guard: 'meaningful',
              actions: { type: 'reply', params: ({ context, event }) => payload(context, t.servicesNotFound(readServices(textOf(event), deps).unknown)) },
            },
            fallback,
          ],
          'answer.choice': [
            ...servicesDone,
            {
              guard: pick('service:'),
              actions: [addPicks((ev) => (ev.type === 'answer.choice' ? [ev.id.slice('service:'.length)] : [])), ...askServicesAgain],
            },
            fallback,
          ],
          'nav.back': [
            { guard: 'editing', target: 'summary' },
            { guard: 'singleStation', target: 'place', actions: commitServices },
            { target: 'station', actions: commitServices },
          ],
        },
      },
      afterServices: { always: summaryOr('cap') },
      cap: {
        entry: ask(() => capQuestion()),
        on: {
          'answer.text': [
            { guard: 'capNone', target: 'summary', actions: setCap(() => null) },
            { guard: 'capNumber', target: 'summary', actions: setCap((ev) => readCap(textOf(ev))) },
            { actions: reask(t.capInvalid) },
          ],
          'answer.choice': [{ guard: 'capNone', target: 'summary', actions: setCap(() => null) }, fallback],
          'nav.back': summaryOr('services'),
        },
      },
      summary: {
        entry: [s.assign({ editing: false }), ...ask((ctx) => summaryQuestion(ctx, deps))],
        on: {
          'answer.text': [{ guard: 'yes', target: 'submitting' }, ...edits, fallback],
          'answer.choice': [...edits, fallback],
          'nav.back': 'cap',
        },
      },
      submitting: {
        entry: { type: 'createEvent', params: ({ context }) => draftOf(context) },
        on: {
          'event.created': { target: 'created', actions: { type: 'reply', params: ({ event }) => ({ text: t.created(event.id, event.groups) }) } },
          'event.refused': { target: 'refused', actions: say(t.notOrganizer) },
        },
      },
      created: { type: 'final' },
      cancelled: { type: 'final' },
    },
  });
}

/** The machine `createEventMachine` builds. */
export type EventMachine = ReturnType<typeof createEventMachine>;
