import { assign, type EventObject } from 'xstate';
import type { Choice, OutgoingPayload } from '../../src/core/message.js';

// === The question put to the person: asking it, asking it again, and the replies every step shares

/** The question currently put to the person, kept in the context so it can be asked again. */
export interface Question {
  id: number;
  text: string;
  choices: Choice[];
  help: string;
}

/** A question before it gets its id. */
export type QuestionBody = Omit<Question, 'id'>;

/** The context every flow built with the kit has. */
export interface WithQuestion {
  question: Question;
}

/** No question yet (id 0): the first question asked gets id 1. */
export function noQuestion(): Question {
  return { id: 0, text: '', choices: [], help: '' };
}

/** The current question as a message; `text` replaces its text (a hint), keeping its choices and id. */
export function payload(ctx: WithQuestion, text?: string): OutgoingPayload {
  return { text: text ?? ctx.question.text, choices: ctx.question.choices, questionId: ctx.question.id };
}

type Args = { context: WithQuestion };

/** Say a fixed text. */
export const say = (text: string) => ({ type: 'reply', params: { text } }) as const;

/** Ask the current question again, optionally with a hint instead of its text. */
export const reask = (hint?: string) => ({ type: 'reply', params: ({ context }: Args) => payload(context, hint) }) as const;

/** Ask the current question again after a note, keeping its text. */
export const noteThenReask = (note: string) =>
  ({ type: 'reply', params: ({ context }: Args) => payload(context, `${note}\n${context.question.text}`) }) as const;

/** The current question's help, then the question again. */
export const helpThenReask = () => [{ type: 'reply', params: ({ context }: Args) => ({ text: context.question.help }) } as const, reask()] as const;

/** A transition that leaves the step as it is and asks again with `hint` ("I did not understand"). */
export const fallback = (hint: string) => ({ actions: reask(hint) }) as const;

/**
 * `ask` for a flow's context and events: puts a new question built from context and event. It gets
 * a fresh id, so buttons of older questions go stale. The actions need the flow to declare
 * `reply: (_, params: OutgoingPayload) => {}` in its `setup()`.
 */
export function questionAsker<C extends WithQuestion, E extends EventObject>() {
  return (build: (ctx: C, ev: E) => QuestionBody) => [
    assign<C, E, undefined, E, never>(({ context, event }) => ({ question: { id: context.question.id + 1, ...build(context, event) } }) as Partial<C>),
    { type: 'reply', params: ({ context }: Args) => payload(context) } as const,
  ];
}

/** The texts `answersAnywhere` needs: what a step says to content it does not expect. */
export interface AnywhereTexts {
  notUnderstood: string;
  firstStep: string;
  unknownCommand: string;
  stale: string;
  editedMessage: string;
  voiceNotSupported: string;
  photoNotNeeded: string;
  mediaNotSupported: string;
  contactNotNeeded: string;
  locationNotNeeded: string;
}

/**
 * Root transitions every flow shares: help, unknown commands, 返回 at the first step, a stale button,
 * an edited message, media, a contact or location not asked for, and text or a choice that fits
 * nothing: each says why and asks the current question again. Steps override what they expect.
 * Needs the `isVoice` and `isPhoto` guards (`contentGuards`).
 */
export function answersAnywhere(t: AnywhereTexts) {
  return {
    'nav.help': { actions: helpThenReask() },
    'nav.unknownCommand': { actions: [say(t.unknownCommand), reask()] },
    'nav.back': { actions: [say(t.firstStep), reask()] },
    'answer.stale': { actions: noteThenReask(t.stale) },
    'answer.edited': { actions: noteThenReask(t.editedMessage) },
    'answer.media': [
      { guard: 'isVoice', actions: reask(t.voiceNotSupported) },
      { guard: 'isPhoto', actions: reask(t.photoNotNeeded) },
      { actions: reask(t.mediaNotSupported) },
    ],
    'answer.contact': { actions: reask(t.contactNotNeeded) },
    'answer.location': fallback(t.locationNotNeeded),
    'answer.text': fallback(t.notUnderstood),
    'answer.choice': fallback(t.notUnderstood),
  } as const;
}
