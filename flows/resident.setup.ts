import { setup } from 'xstate';
import type { OutgoingPayload } from '../src/core/message.js';
import { texts } from '../src/texts/resident.js';
import { type Answer, normalizeText, resolveChoice } from './choice.js';
import type { QuestionBody } from './resident.questions.js';
import type { RequestDraft, ResidentContext, ResidentEvent, ResidentFlowDeps, ResidentProfile } from './resident.types.js';
import { isMeaningful, meaningfulLength, normalizePhone } from './validate.js';

// === The resident flow's typed setup: its actions, guards and the action builders its states share

type Ev = ResidentEvent;

const GREETINGS = ['你好', '您好', '在吗', '在不在', '喂', 'hi', 'hello', '哈喽', '早上好', '下午好', '晚上好', '有人吗'];

export const textOf = (e: Ev): string => (e.type === 'answer.text' ? e.text : '');
const asAnswer = (e: Ev): Answer | null => (e.type === 'answer.text' || e.type === 'answer.choice' ? e : null);

/**
 * The id (less `prefix`) of the current question's choice that the event picks, or null. With
 * `exact`, typed text must be a number or a whole label: a label inside longer text does not count.
 */
export const picked = (e: Ev, ctx: ResidentContext, prefix: string, exact = false): string | null => {
  const answer = asAnswer(e);
  const id = answer ? resolveChoice(answer, ctx.question.choices, {}, { contained: !exact }) : null;
  return id?.startsWith(prefix) ? id.slice(prefix.length) : null;
};
const isWord = (e: Ev, words: string[]) => e.type === 'answer.text' && words.includes(normalizeText(e.text).toLowerCase());

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
      picked: ({ context, event }, p: { prefix: string; exact?: boolean }) => picked(event, context, p.prefix, p.exact) !== null,
      said: ({ event }, p: { words: string[] }) => isWord(event, p.words),
      matchesItems: ({ event }) => deps.matchItems(textOf(event)).length > 0,
      meaningful: ({ event }) => isMeaningful(textOf(event)),
      greeting: ({ event }) => isWord(event, GREETINGS),
      /** Text that raised an emergency: at a step asking for data, it is not taken as the answer. */
      emergencyText: ({ event }) => event.type === 'answer.text' && event.emergency === true,
      editing: ({ context }) => context.editing,
      /** Nothing of a request gathered yet: "my requests" may be opened without losing anything. */
      notStarted: ({ context }) => context.description === null && context.itemCode === null && !context.editing,
      cameViaProposals: ({ context }) => context.proposals.length > 0,
      isPhoto: ({ event }) => event.type === 'answer.media' && event.media === 'photo',
      isVoice: ({ event }) => event.type === 'answer.media' && event.media === 'voice',
      validPhone: ({ event }) => normalizePhone(event.type === 'answer.contact' ? event.phone : textOf(event)) !== null,
      addressTooShort: ({ event }) => meaningfulLength(textOf(event)) < 4,
      addressTooLong: ({ event }) => [...normalizeText(textOf(event))].length > 100,
      oneCommunity: ({ event }) => deps.matchCommunities(textOf(event)).length === 1,
      severalCommunities: ({ event }) => deps.matchCommunities(textOf(event)).length > 1,
      freeTime: ({ event }) => isMeaningful(textOf(event)) && [...normalizeText(textOf(event))].length <= 50,
      noRequests: ({ event }) => event.type === 'requests.listed' && event.requests.length === 0,
      noneCancellable: ({ event }) => event.type === 'requests.listed' && !event.requests.some((r) => r.cancellable),
      cancelOk: ({ event }) => event.type === 'request.cancelled' && event.ok,
    },
  });

  const payload = (ctx: ResidentContext, text?: string): OutgoingPayload => ({
    text: text ?? ctx.question.text,
    choices: ctx.question.choices,
    questionId: ctx.question.id,
  });
  /** Say a fixed text. */
  const say = (text: string) => ({ type: 'reply', params: { text } }) as const;
  /** Put a new question: it gets a fresh id, so buttons of older questions go stale. */
  const ask = (build: (ctx: ResidentContext, ev: Ev) => QuestionBody) => [
    s.assign({ question: ({ context, event }) => ({ id: context.question.id + 1, ...build(context, event) }) }),
    { type: 'reply', params: ({ context }: { context: ResidentContext }) => payload(context) } as const,
  ];
  /** Ask the current question again, optionally with a hint instead of its text. */
  const reask = (hint?: string) =>
    ({ type: 'reply', params: ({ context }: { context: ResidentContext }) => payload(context, hint) }) as const;
  /** Ask the current question again after a note, keeping its text. */
  const noteThenReask = (note: string) =>
    ({ type: 'reply', params: ({ context }: { context: ResidentContext }) => payload(context, `${note}\n${context.question.text}`) }) as const;
  const fallback = { actions: reask(texts.notUnderstood) };
  /** At a step asking for data, a message raising an emergency is not the answer: ask again. */
  const emergencyFirst = { guard: 'emergencyText', actions: reask() } as const;

  return { s, say, ask, reask, noteThenReask, payload, fallback, emergencyFirst };
}

export type ResidentKit = ReturnType<typeof residentKit>;
