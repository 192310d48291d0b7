import { setup } from 'xstate';
import type { OutgoingPayload } from '../src/core/message.js';
import { eventTexts as t } from '../src/texts/events.js';
import { YES_WORDS } from './common/choice.js';
import { contentGuards, isWord, picked, textOf } from './common/guards.js';
import { unlessEditing } from './common/navigation.js';
import { fallback, questionAsker } from './common/question.js';
import { NO_CAP_WORDS, readCap, readPlace, readServices, readTitle, SERVICES_ANY_WORDS, SERVICES_DONE_WORDS } from './event.input.js';
import { ECHOICE } from './event.questions.js';
import type { EventContext, EventDraft, EventEvent, EventFlowDeps, EventInput, EventTextAnswer } from './event.types.js';

// === The event flow's typed setup: its actions, guards and the builders its states share

/** The id (less `prefix`) of the current question's choice the event picks; typed text must be a number or a whole label. */
export const pickedExactly = (e: EventEvent, ctx: EventContext, prefix: string) => picked(e, ctx, prefix, true);

/** How the typed text reads as an event time (null for anything but text). */
export const timeOf = (e: EventEvent) => (e.type === 'answer.text' ? ((e as EventTextAnswer).time ?? null) : null);

export function eventKit(deps: EventFlowDeps) {
  const stationsFor = (ctx: EventContext, e: EventEvent) => deps.matchStations(textOf(e), ctx.organizerStations);
  const s = setup({
    types: {} as { context: EventContext; events: EventEvent; input: EventInput },
    actions: {
      /** Send a message to the person in this conversation. */
      reply: (_, _params: OutgoingPayload) => {},
      /** Store the event and announce it in its station's groups; the runtime answers with `event.created`. */
      createEvent: (_, _params: EventDraft) => {},
    },
    guards: {
      ...contentGuards,
      picked: ({ context, event }, p: { prefix: string }) => pickedExactly(event, context, p.prefix) !== null,
      organizer: ({ context }) => context.organizerStations.length > 0,
      editing: ({ context }) => context.editing,
      validTitle: ({ event }) => readTitle(textOf(event)) !== null,
      timeOk: ({ event }) => timeOf(event)?.ok === true,
      validPlace: ({ event }) => readPlace(textOf(event)) !== null,
      singleStation: ({ context }) => deps.stationChoices(context.organizerStations).length === 1,
      oneStation: ({ context, event }) => stationsFor(context, event).length === 1,
      severalStations: ({ context, event }) => stationsFor(context, event).length > 1,
      servicesDone: ({ context, event }) => isWord(event, SERVICES_DONE_WORDS) || pickedExactly(event, context, ECHOICE.servicesDone) !== null,
      servicesAny: ({ context, event }) => isWord(event, SERVICES_ANY_WORDS) || pickedExactly(event, context, ECHOICE.servicesAny) !== null,
      hasPicks: ({ context }) => context.servicePicks.length > 0,
      servicesFound: ({ event }) => readServices(textOf(event), deps).codes.length > 0,
      servicesFoundAndDone: ({ event }) => {
        const r = readServices(textOf(event), deps);
        return r.codes.length > 0 && r.done && r.unknown.length === 0;
      },
      capNumber: ({ event }) => readCap(textOf(event)) !== null,
      capNone: ({ context, event }) => isWord(event, NO_CAP_WORDS) || pickedExactly(event, context, ECHOICE.capNone) !== null,
      yes: ({ event }) => isWord(event, YES_WORDS),
    },
  });

  return {
    s,
    deps,
    stationsFor,
    /** Put a new question: it gets a fresh id, so buttons of older questions go stale. */
    ask: questionAsker<EventContext, EventEvent>(),
    /** The step's question again, with "I did not understand". */
    fallback: fallback(t.notUnderstood),
    pick: (prefix: string) => ({ type: 'picked', params: { prefix } }) as const,
    /** While changing a field from the summary, the next (or previous) step is the summary. */
    summaryOr: unlessEditing('summary'),
  };
}

export type EventKit = ReturnType<typeof eventKit>;
