import { setup } from 'xstate';
import type { OutgoingPayload } from '../src/core/message.js';
import { texts } from '../src/texts/resident.js';
import { normalizeText } from './common/choice.js';
import { contentGuards, isWord, picked, textOf } from './common/guards.js';
import { placeGuards } from './common/places.js';
import { MAX_TEXT } from './common/input.js';
import { fallback, questionAsker, reask } from './common/question.js';
import { isMeaningful, meaningfulLength, normalizePhone } from './common/validate.js';
import type { RequestDraft, ResidentContext, ResidentEvent, ResidentFlowDeps, ResidentProfile } from './resident.types.js';

// === The resident flow's typed setup: its actions, guards and the action builders its states share

const GREETINGS = ['你好', '您好', '在吗', '在不在', '喂', 'hi', 'hello', '哈喽', '早上好', '下午好', '晚上好', '有人吗'];

export function residentKit(deps: ResidentFlowDeps) {
  const s = setup({
    types: {} as { context: ResidentContext; events: ResidentEvent; input: { profile: ResidentProfile } },
    actions: {
      /** Send a message to the person in this conversation. */
      reply: (_, _params: OutgoingPayload) => {},
      /** Store the request; the runtime answers with `request.created`. */
      createRequest: (_, _params: RequestDraft) => {},
      /** Record an alert for organizers. */
      recordAlert: (_, _params: { words: string[]; services: string[] }) => {},
      /** Look up the person's requests; the runtime answers with `requests.listed`. */
      listRequests: () => {},
      /** Cancel one of the person's requests; the runtime answers with `request.cancelled`. */
      cancelRequest: (_, _params: { ticket: string }) => {},
    },
    guards: {
      ...contentGuards,
      picked: ({ context, event }, p: { prefix: string; exact?: boolean }) => picked(event, context, p.prefix, p.exact) !== null,
      said: ({ event }, p: { words: string[] }) => isWord(event, p.words),
      matchesItems: ({ event }) => deps.matchItems(textOf(event)).length > 0,
      greeting: ({ event }) => isWord(event, GREETINGS),
      /** Text that raised an emergency: at a step asking for data, it is not taken as the answer. */
      emergencyText: ({ event }) => event.type === 'answer.text' && event.emergency === true,
      editing: ({ context }) => context.editing,
      /** Nothing of a request gathered yet: "my requests" may be opened without losing anything. */
      notStarted: ({ context }) => context.description === null && context.itemCode === null && !context.editing,
      cameViaProposals: ({ context }) => context.proposals.length > 0,
      validPhone: ({ event }) => normalizePhone(event.type === 'answer.contact' ? event.phone : textOf(event)) !== null,
      addressTooShort: ({ event }) => meaningfulLength(textOf(event)) < 4,
      addressTooLong: ({ event }) => [...normalizeText(textOf(event))].length > 100,
      ...placeGuards(deps),
      freeTime: ({ event }) => isMeaningful(textOf(event)) && [...normalizeText(textOf(event))].length <= 50,
      noRequests: ({ event }) => event.type === 'requests.listed' && event.requests.length === 0,
      noneCancellable: ({ event }) => event.type === 'requests.listed' && !event.requests.some((r) => r.cancellable),
      cancelOk: ({ event }) => event.type === 'request.cancelled' && event.ok,
    },
  });

  /** Put a new question: it gets a fresh id, so buttons of older questions go stale. */
  const ask = questionAsker<ResidentContext, ResidentEvent>();
  /** The step's question again, with "I did not understand". */
  const notUnderstood = fallback(texts.notUnderstood);
  /** At a step asking for data, a message raising an emergency is not the answer: ask again. */
  const emergencyFirst = { guard: 'emergencyText', actions: reask() } as const;

  const setDescription = s.assign({
    description: ({ event, context }) => (event.type === 'answer.text' ? event.text.trim() : context.description),
    proposals: ({ event }) => deps.matchItems(textOf(event)).map((m) => m.itemCode),
  });
  /** Tell the person a long text was cut. */
  const noteTruncated = s.enqueueActions(({ event, enqueue }) => {
    if (event.type === 'answer.text' && event.truncated) enqueue({ type: 'reply', params: { text: texts.truncated(MAX_TEXT) } });
  });
  /** Keep a photo's reference with the request (the last ten). */
  const attachPhoto = s.assign({
    attachments: ({ context, event }) => (event.type === 'answer.media' && event.ref ? [...context.attachments, event.ref].slice(-10) : context.attachments),
  });

  return { s, deps, ask, fallback: notUnderstood, emergencyFirst, setDescription, noteTruncated, attachPhoto };
}

export type ResidentKit = ReturnType<typeof residentKit>;
