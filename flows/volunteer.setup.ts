import { setup, type EventObject } from 'xstate';
import type { OutgoingPayload } from '../src/core/message.js';
import { volunteerTexts as t } from '../src/texts/volunteer.js';
import { YES_WORDS, normalizeText } from './common/choice.js';
import { contentGuards, isWord, picked, textOf } from './common/guards.js';
import { placeGuards } from './common/places.js';
import { unlessEditing } from './common/navigation.js';
import { fallback, questionAsker } from './common/question.js';
import { isMeaningful } from './common/validate.js';
import { CLEAR_WORDS, DONE_WORDS, readMobile, readName, readPartyMember, readSkills } from './volunteer.input.js';
import { VCHOICE } from './volunteer.questions.js';
import type { VolunteerContext, VolunteerDraft, VolunteerEvent, VolunteerFlowDeps, VolunteerInput } from './volunteer.types.js';

// === The volunteer flow's typed setup: its actions, guards and the builders its states share

const MAX_AVAILABILITY = 50;

const phoneOf = (e: VolunteerEvent): string => (e.type === 'answer.contact' ? e.phone : textOf(e));
/** The mobile typed or shared, normalized; null for anything else. */
export const mobileOf = (e: VolunteerEvent): string | null => {
  const r = readMobile(phoneOf(e));
  return r !== null && 'mobile' in r ? r.mobile : null;
};
const isLandline = (e: VolunteerEvent): boolean => {
  const r = readMobile(phoneOf(e));
  return r !== null && 'landline' in r;
};
/** The id (less `prefix`) of the current question's choice the event picks; typed text must be a number or a whole label. */
export const pickedExactly = (e: EventObject, ctx: VolunteerContext, prefix: string) => picked(e, ctx, prefix, true);

export function volunteerKit(deps: VolunteerFlowDeps) {
  const locationCommunities = (e: VolunteerEvent) => (e.type === 'answer.location' && e.label ? deps.matchCommunities(e.label) : []);
  const s = setup({
    types: {} as { context: VolunteerContext; events: VolunteerEvent; input: VolunteerInput },
    actions: {
      /** Send a message to the person in this conversation. */
      reply: (_, _params: OutgoingPayload) => {},
      /** Store the registration as pending; the runtime answers with `volunteer.registered`. */
      registerVolunteer: (_, _params: VolunteerDraft) => {},
      /** Record an alert for organizers (emergency words). */
      recordAlert: (_, _params: { words: string[]; services: string[] }) => {},
    },
    guards: {
      ...contentGuards,
      picked: ({ context, event }, p: { prefix: string }) => pickedExactly(event, context, p.prefix) !== null,
      registered: ({ context }) => context.registration !== null,
      editing: ({ context }) => context.editing,
      validName: ({ event }) => readName(textOf(event)) !== null,
      mobile: ({ event }) => mobileOf(event) !== null,
      landline: ({ event }) => isLandline(event),
      partyWord: ({ event }) => readPartyMember(textOf(event)) !== null,
      wantsDone: ({ context, event }) => isWord(event, DONE_WORDS) || pickedExactly(event, context, VCHOICE.skillsDone) !== null,
      wantsClear: ({ context, event }) => isWord(event, CLEAR_WORDS) || pickedExactly(event, context, VCHOICE.skillsClear) !== null,
      hasPicks: ({ context }) => context.skillPicks.length > 0,
      yes: ({ event }) => isWord(event, YES_WORDS),
      skillsFound: ({ event }) => readSkills(textOf(event), deps).codes.length > 0,
      skillsFoundAndDone: ({ event }) => {
        const r = readSkills(textOf(event), deps);
        return r.codes.length > 0 && r.done && r.unknown.length === 0;
      },
      ...placeGuards(deps),
      locatedCommunity: ({ event }) => locationCommunities(event).length === 1,
      freeAvailability: ({ event }) => isMeaningful(textOf(event)) && [...normalizeText(textOf(event))].length <= MAX_AVAILABILITY,
    },
  });

  return {
    s,
    deps,
    locationCommunities,
    /** Put a new question: it gets a fresh id, so buttons of older questions go stale. */
    ask: questionAsker<VolunteerContext, VolunteerEvent>(),
    /** The step's question again, with "I did not understand". */
    fallback: fallback(t.notUnderstood),
    /** The `picked` guard: the choice is one of the current question's, with this prefix. */
    pick: (prefix: string) => ({ type: 'picked', params: { prefix } }) as const,
    /** While changing a field from the summary, the next (or previous) step is the summary. */
    summaryOr: unlessEditing('summary'),
  };
}

export type VolunteerKit = ReturnType<typeof volunteerKit>;
