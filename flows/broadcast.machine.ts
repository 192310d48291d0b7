import { type EventObject, setup } from 'xstate';
import type { OutgoingPayload } from '../src/core/message.js';
import { broadcastTexts as t } from '../src/texts/broadcasts.js';
import { YES_WORDS } from './common/choice.js';
import { answerOf, contentGuards, isWord, picked, textOf } from './common/guards.js';
import { answersAnywhere, fallback, noQuestion, payload, type QuestionBody, questionAsker, reask, say } from './common/question.js';
import { addStations, choiceStations, readStations } from './broadcast.input.js';
import type { BroadcastContext, BroadcastDraft, BroadcastEvent, BroadcastFlowDeps, BroadcastInput, StationRef } from './broadcast.types.js';

/** Bump when a change makes saved snapshots unfit: old conversations then restart politely. */
export const BROADCAST_FLOW_VERSION = 1;
/** The flow's id, as saved with its conversations. */
export const BROADCAST_FLOW_ID = 'broadcast';

type Ctx = BroadcastContext;
type Ev = BroadcastEvent;

/** A fresh context: nothing chosen yet. */
export function initialBroadcastContext(input: BroadcastInput): BroadcastContext {
  return { ...input, question: noQuestion(), stations: [], text: null, counted: null };
}

/** The stations question: every station the organizer may choose, numbered, and 选好了 once one is chosen. */
export function stationsQuestion(ctx: Ctx, deps: BroadcastFlowDeps, note?: string): QuestionBody {
  const offered = [...(ctx.roots.length > 1 ? ctx.roots : []), ...ctx.roots.flatMap((r) => deps.children(r.id))].slice(0, 30);
  const chosen = ctx.stations.map((s) => s.name);
  return {
    text: note ?? (chosen.length > 0 ? t.stationsChosen(chosen) : t.askStations),
    choices: [
      { id: 'all', label: t.stationAll(ctx.roots.map((r) => r.name)) },
      ...offered.map((s) => ({ id: `station:${s.id}`, label: t.stationWithBelow(s.name) })),
      ...(chosen.length > 0 ? [{ id: 'done', label: t.stationsDone }] : []),
    ],
    help: t.stationsHelp,
  };
}

function previewQuestion(ctx: Ctx): QuestionBody {
  const c = t.previewChoices;
  return {
    text: t.preview(ctx.text ?? '', ctx.counted?.groups ?? 0, ctx.counted?.privateChats ?? 0),
    choices: [
      { id: 'send', label: c.send },
      { id: 'editText', label: c.editText },
      { id: 'editStations', label: c.editStations },
      { id: 'cancel', label: c.cancel },
    ],
    help: t.previewHelp,
  };
}

/**
 * 群发 / `/broadcast`, an organizer's conversation in private chat: stations (numbers or names, several,
 * each with all below it) → the text → a preview with the number of groups → confirmed: the runtime
 * stores the broadcast and its outbox rows. Anyone who organizes no station is refused at once.
 */
export function createBroadcastMachine(deps: BroadcastFlowDeps) {
  /** What a stations answer gives: the choice after it, whether it ends the step, and words that fit nothing. */
  const stationsAnswer = (ctx: Ctx, ev: EventObject): { stations: StationRef[]; added: number; done: boolean; unknown: string[] } => {
    const answer = answerOf(ev);
    if (!answer) return { stations: ctx.stations, added: 0, done: false, unknown: [] };
    const read =
      answer.type === 'answer.choice'
        ? { found: choiceStations(answer.id, ctx, deps), unknown: [], done: answer.id === 'done' }
        : readStations(answer.text, ctx, deps);
    return { stations: addStations(ctx.stations, read.found, deps), added: read.found.length, done: read.done, unknown: read.unknown };
  };
  const s = setup({
    types: {} as { context: Ctx; events: Ev; input: BroadcastInput },
    actions: {
      /** Send a message to the organizer in this conversation. */
      reply: (_, _params: OutgoingPayload) => {},
      /** Count the groups and private chats the stations reach; the runtime answers with `broadcast.counted`. */
      countTargets: (_, _params: { stationIds: number[] }) => {},
      /** Store the broadcast and its outbox rows; the runtime answers `broadcast.created` or `broadcast.refused`. */
      createBroadcast: (_, _params: BroadcastDraft) => {},
    },
    guards: {
      ...contentGuards,
      organizer: ({ context }) => context.organizer && context.roots.length > 0,
      stationsDone: ({ context, event }) => {
        const a = stationsAnswer(context, event);
        return a.done && a.unknown.length === 0 && a.stations.length > 0;
      },
      stationsAdded: ({ context, event }) => stationsAnswer(context, event).added > 0,
      doneWithoutStations: ({ context, event }) => stationsAnswer(context, event).done && stationsAnswer(context, event).stations.length === 0,
      stationsUnknown: ({ context, event }) => stationsAnswer(context, event).unknown.length > 0,
      tooLong: ({ context, event }) => [...textOf(event)].length > context.textLimit,
      nobody: ({ event }) => event.type === 'broadcast.counted' && event.groups + event.privateChats === 0,
      picked: ({ context, event }, p: { id: string }) => picked(event, context, p.id, true) === '',
      yes: ({ event }) => isWord(event, YES_WORDS),
    },
  });
  const ask = questionAsker<Ctx, Ev>();
  const notUnderstood = fallback(t.notUnderstood);
  const pick = (id: string) => ({ type: 'picked', params: { id } }) as const;
  const setStations = s.assign({ stations: ({ context, event }) => stationsAnswer(context, event).stations });
  const stationAnswers = [
    { guard: 'stationsDone', target: 'text', actions: setStations },
    { guard: 'stationsUnknown', actions: [setStations, ...ask((ctx, ev) => stationsQuestion(ctx, deps, t.stationsNotFound(stationsAnswer(ctx, ev).unknown)))] },
    { guard: 'stationsAdded', actions: [setStations, ...ask((ctx) => stationsQuestion(ctx, deps))] },
    { guard: 'doneWithoutStations', actions: reask(t.stationsNoneChosen) },
    notUnderstood,
  ] as const;
  const previewAnswers = [
    { guard: pick('send'), target: 'sending' },
    { guard: 'yes', target: 'sending' },
    { guard: pick('editText'), target: 'text' },
    { guard: pick('editStations'), target: 'stations', actions: s.assign({ stations: [] }) },
    { guard: pick('cancel'), target: 'cancelled', actions: say(t.cancelled) },
    notUnderstood,
  ] as const;

  return s.createMachine({
    id: BROADCAST_FLOW_ID,
    context: ({ input }) => initialBroadcastContext(input),
    initial: 'idle',
    on: {
      ...answersAnywhere(t),
      'nav.cancel': { target: '.cancelled', actions: say(t.cancelled) },
      'nav.start': { target: '.stations', actions: s.assign({ stations: [], text: null, counted: null }) },
    },
    states: {
      // The message that opened the flow (群发, /broadcast) is not an answer; the role decides at once.
      idle: {
        on: {
          '*': [
            { guard: 'organizer', target: 'stations' },
            { target: 'refused', actions: say(t.notOrganizer) },
          ],
        },
      },
      stations: {
        entry: ask((ctx) => stationsQuestion(ctx, deps)),
        on: { 'answer.text': stationAnswers, 'answer.choice': stationAnswers },
      },
      text: {
        entry: ask((ctx) => ({ text: t.askText(ctx.textLimit), choices: [], help: t.textHelp(ctx.textLimit) })),
        on: {
          'answer.text': [
            {
              guard: 'tooLong',
              actions: { type: 'reply', params: ({ context, event }) => payload(context, t.textTooLong([...textOf(event)].length, context.textLimit)) },
            },
            { guard: 'meaningful', target: 'counting', actions: s.assign({ text: ({ event }) => textOf(event) }) },
            { actions: reask(t.textTooShort) },
          ],
          'nav.back': 'stations',
        },
      },
      counting: {
        entry: { type: 'countTargets', params: ({ context }) => ({ stationIds: context.stations.map((st) => st.id) }) },
        on: {
          'broadcast.counted': [
            { guard: 'nobody', target: 'stations', actions: [say(t.noTargets), s.assign({ stations: [] })] },
            {
              target: 'preview',
              actions: s.assign({
                counted: ({ event }) => (event.type === 'broadcast.counted' ? { groups: event.groups, privateChats: event.privateChats } : null),
              }),
            },
          ],
        },
      },
      preview: {
        entry: ask((ctx) => previewQuestion(ctx)),
        on: { 'answer.text': previewAnswers, 'answer.choice': previewAnswers, 'nav.back': 'text' },
      },
      sending: {
        entry: { type: 'createBroadcast', params: ({ context }) => ({ stationIds: context.stations.map((st) => st.id), text: context.text ?? '' }) },
        on: {
          'broadcast.created': { target: 'sent', actions: { type: 'reply', params: ({ event }) => ({ text: t.started(event.id, event.targets) }) } },
          'broadcast.refused': { target: 'refused', actions: say(t.notOrganizer) },
          // The groups went away between the preview and the confirmation.
          'broadcast.counted': { target: 'stations', actions: [say(t.noTargets), s.assign({ stations: [] })] },
        },
      },
      sent: { type: 'final' },
      refused: { type: 'final' },
      cancelled: { type: 'final' },
    },
  });
}

/** The machine `createBroadcastMachine` builds. */
export type BroadcastMachine = ReturnType<typeof createBroadcastMachine>;
