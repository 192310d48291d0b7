import { eventTexts as t } from '../src/texts/events.js';
import type { QuestionBody } from './common/question.js';
import type { EventContext, EventDraft, EventFlowDeps } from './event.types.js';

// === The questions of the event flow: text, numbered choices and help, from context

/** Choice ids used across questions. */
export const ECHOICE = { servicesDone: 'services:done', servicesAny: 'services:any', capNone: 'cap:none' } as const;

const MAX_STATION_CHOICES = 9;

/** The title, offering the two monthly service days' names. */
export const titleQuestion = (): QuestionBody => ({
  text: t.askTitle,
  choices: t.titleChoices.map((title) => ({ id: `title:${title}`, label: title })),
  help: t.titleHelp,
});

/** The start, offering the next service days (`time:<local date and time>`) as buttons. */
export const timeQuestion = (ctx: EventContext): QuestionBody => ({
  text: t.askTime,
  choices: ctx.timeChoices.map((c) => ({ id: `time:${c.local}`, label: c.label })),
  help: t.timeHelp,
});
export const placeQuestion = (): QuestionBody => ({ text: t.askPlace, choices: [], help: t.placeHelp });

/** The stations offered: the matched ones after a typed name, else the organizer's own and those below. */
export function stationQuestion(ctx: EventContext, deps: EventFlowDeps, text: string = t.askStation): QuestionBody {
  const options =
    ctx.stationOptions.length > 0
      ? ctx.stationOptions.map((code) => ({ code, name: deps.stationName(code) }))
      : deps.stationChoices(ctx.organizerStations).slice(0, MAX_STATION_CHOICES);
  return { text, choices: options.map((s) => ({ id: `station:${s.code}`, label: s.name })), help: t.stationHelp };
}

/** The classes, 不限, and 选好了 once something is picked; the text shows the choice so far. */
export function servicesQuestion(ctx: EventContext, deps: EventFlowDeps, note?: string): QuestionBody {
  const picks = ctx.servicePicks;
  const ask = picks.length > 0 ? t.servicesChosen(picks.map((c) => deps.serviceName(c))) : t.askServices;
  return {
    text: note ? `${note}\n${ask}` : ask,
    choices: [
      ...deps.classes.map((c) => ({ id: `service:${c.code}`, label: c.name })),
      ...(picks.length > 0 ? [{ id: ECHOICE.servicesDone, label: t.servicesDone }] : []),
      { id: ECHOICE.servicesAny, label: t.servicesAny },
    ],
    help: t.servicesHelp,
  };
}

export const capQuestion = (): QuestionBody => ({ text: t.askCap, choices: [{ id: ECHOICE.capNone, label: t.capNone }], help: t.capHelp });

/** The summary's choices, in order: submit, then one change per field. */
export const SUMMARY_FIELDS = ['submit', 'title', 'time', 'place', 'station', 'services', 'cap'] as const;

export function summaryQuestion(ctx: EventContext, deps: EventFlowDeps): QuestionBody {
  const lines = t.summaryLines({
    title: ctx.title ?? '',
    time: ctx.startsAt ? deps.formatTime(ctx.startsAt, ctx.endsAt) : '',
    place: ctx.place ?? '',
    station: deps.stationName(ctx.stationCode ?? ''),
    services: ctx.services.length > 0 ? ctx.services.map((c) => deps.serviceName(c)).join('、') : t.servicesAnyLabel,
    cap: ctx.cap === null ? t.capNone : `${ctx.cap} 人`,
  });
  return {
    text: `${t.summaryTitle}\n${lines}`,
    choices: SUMMARY_FIELDS.map((f) => ({ id: `edit:${f}`, label: t.summaryChoices[f] })),
    help: t.summaryHelp,
  };
}

/** The event to store, from what was gathered. */
export function draftOf(ctx: EventContext): EventDraft {
  return {
    title: ctx.title ?? '',
    startsAt: ctx.startsAt ?? '',
    endsAt: ctx.endsAt,
    place: ctx.place ?? '',
    latitude: ctx.latitude,
    longitude: ctx.longitude,
    stationCode: ctx.stationCode ?? '',
    services: ctx.services,
    cap: ctx.cap,
  };
}
