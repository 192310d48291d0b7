import { and, setup } from 'xstate';
import type { OutgoingPayload } from '../src/core/message.js';
import { volunteerTexts as t } from '../src/texts/volunteer.js';
import { texts as residentTexts } from '../src/texts/resident.js';
import { type Answer, YES_WORDS, normalizeText, resolveChoice } from './choice.js';
import { isMeaningful } from './validate.js';
import { CLEAR_WORDS, DONE_WORDS, readMobile, readName, readPartyMember, readSkills } from './volunteer.input.js';
import {
  type QuestionBody,
  VCHOICE,
  availabilityQuestion,
  communityQuestion,
  draftOf,
  knownMobile,
  knownName,
  nameQuestion,
  partyQuestion,
  phoneQuestion,
  skillsQuestion,
  summaryQuestion,
} from './volunteer.questions.js';
import type { VolunteerContext, VolunteerDraft, VolunteerEvent, VolunteerFlowDeps, VolunteerInput, VolunteerStatus } from './volunteer.types.js';

/** Bump when a change makes saved snapshots unfit: old conversations then restart politely. */
export const VOLUNTEER_FLOW_VERSION = 1;
/** The flow's id, as saved with its conversations. */
export const VOLUNTEER_FLOW_ID = 'volunteer';

const MAX_SKILLS = 20;
const MAX_AVAILABILITY = 50;

type Ev = VolunteerEvent;
type Ctx = VolunteerContext;

/** A fresh context: nothing gathered yet. */
export function initialVolunteerContext(input: VolunteerInput): VolunteerContext {
  return {
    profile: input.profile,
    registration: input.registration,
    question: { id: 0, text: '', choices: [], help: '' },
    name: null,
    phone: null,
    partyMember: null,
    skills: [],
    skillPicks: [],
    communityOptions: [],
    communityCode: null,
    availability: null,
    editing: false,
  };
}

const textOf = (e: Ev): string => (e.type === 'answer.text' ? e.text : '');
const phoneOf = (e: Ev): string => (e.type === 'answer.contact' ? e.phone : textOf(e));
const asAnswer = (e: Ev): Answer | null => (e.type === 'answer.text' || e.type === 'answer.choice' ? e : null);
const mobileOf = (e: Ev): string | null => {
  const r = readMobile(phoneOf(e));
  return r !== null && 'mobile' in r ? r.mobile : null;
};
const isLandline = (e: Ev): boolean => {
  const r = readMobile(phoneOf(e));
  return r !== null && 'landline' in r;
};
const isWord = (e: Ev, words: readonly string[]) => e.type === 'answer.text' && words.includes(normalizeText(e.text).toLowerCase());

/** The id (less `prefix`) of the current question's choice the event picks; typed text must be a number or a whole label. */
function picked(e: Ev, ctx: Ctx, prefix: string): string | null {
  const answer = asAnswer(e);
  const id = answer ? resolveChoice(answer, ctx.question.choices, {}, { contained: false }) : null;
  return id?.startsWith(prefix) ? id.slice(prefix.length) : null;
}

function statusText(status: VolunteerStatus, name: string): string {
  if (status === 'approved') return t.statusApproved(name);
  if (status === 'rejected') return t.statusRejected(name);
  return t.statusPending(name);
}

/** The volunteer registration: name → mobile → party member → skills → community → availability → summary → stored as pending. */
export function createVolunteerMachine(deps: VolunteerFlowDeps) {
  const locationCommunities = (e: Ev) => (e.type === 'answer.location' && e.label ? deps.matchCommunities(e.label) : []);
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
      picked: ({ context, event }, p: { prefix: string }) => picked(event, context, p.prefix) !== null,
      registered: ({ context }) => context.registration !== null,
      editing: ({ context }) => context.editing,
      validName: ({ event }) => readName(textOf(event)) !== null,
      mobile: ({ event }) => mobileOf(event) !== null,
      landline: ({ event }) => isLandline(event),
      partyWord: ({ event }) => readPartyMember(textOf(event)) !== null,
      wantsDone: ({ context, event }) => isWord(event, DONE_WORDS) || picked(event, context, VCHOICE.skillsDone) !== null,
      wantsClear: ({ context, event }) => isWord(event, CLEAR_WORDS) || picked(event, context, VCHOICE.skillsClear) !== null,
      hasPicks: ({ context }) => context.skillPicks.length > 0,
      yes: ({ event }) => isWord(event, YES_WORDS),
      skillsFound: ({ event }) => readSkills(textOf(event), deps).codes.length > 0,
      skillsFoundAndDone: ({ event }) => {
        const r = readSkills(textOf(event), deps);
        return r.codes.length > 0 && r.done && r.unknown.length === 0;
      },
      meaningful: ({ event }) => isMeaningful(textOf(event)),
      oneCommunity: ({ event }) => deps.matchCommunities(textOf(event)).length === 1,
      severalCommunities: ({ event }) => deps.matchCommunities(textOf(event)).length > 1,
      locatedCommunity: ({ event }) => locationCommunities(event).length === 1,
      freeAvailability: ({ event }) => isMeaningful(textOf(event)) && [...normalizeText(textOf(event))].length <= MAX_AVAILABILITY,
      isPhoto: ({ event }) => event.type === 'answer.media' && event.media === 'photo',
      isVoice: ({ event }) => event.type === 'answer.media' && event.media === 'voice',
    },
  });

  const payload = (ctx: Ctx, text?: string): OutgoingPayload => ({ text: text ?? ctx.question.text, choices: ctx.question.choices, questionId: ctx.question.id });
  const say = (text: string) => ({ type: 'reply', params: { text } }) as const;
  /** Put a new question: it gets a fresh id, so buttons of older questions go stale. */
  const ask = (build: (ctx: Ctx, ev: Ev) => QuestionBody) => [
    s.assign({ question: ({ context, event }) => ({ id: context.question.id + 1, ...build(context, event) }) }),
    { type: 'reply', params: ({ context }: { context: Ctx }) => payload(context) } as const,
  ];
  const reask = (hint?: string) => ({ type: 'reply', params: ({ context }: { context: Ctx }) => payload(context, hint) }) as const;
  const noteThenReask = (note: string) =>
    ({ type: 'reply', params: ({ context }: { context: Ctx }) => payload(context, `${note}\n${context.question.text}`) }) as const;
  const fallback = { actions: reask(t.notUnderstood) };
  const pick = (prefix: string) => ({ type: 'picked', params: { prefix } }) as const;
  /** While changing a field from the summary, the next (or previous) step is the summary. */
  const summaryOr = (step: string) => [{ guard: 'editing', target: 'summary' } as const, { target: step }];

  const tellStatus = {
    type: 'reply',
    params: ({ context }: { context: Ctx }) => ({ text: statusText(context.registration?.status ?? 'pending', context.registration?.name ?? '') }),
  } as const;
  const begin = [
    { guard: 'registered', target: 'registered', actions: tellStatus },
    { target: 'name', actions: say(t.welcome) },
  ] as const;

  const setName = (value: (ctx: Ctx, ev: Ev) => string | null) => s.assign({ name: ({ context, event }) => value(context, event) });
  const setPhone = s.assign({ phone: ({ event }) => mobileOf(event) });
  const setKnownPhone = s.assign({ phone: ({ context }) => knownMobile(context) });
  const setParty = (value: (ctx: Ctx, ev: Ev) => boolean | null) => s.assign({ partyMember: ({ context, event }) => value(context, event) });

  const addPicks = (codes: (ev: Ev) => string[]) =>
    s.assign({ skillPicks: ({ context, event }) => [...new Set([...context.skillPicks, ...codes(event)])].slice(0, MAX_SKILLS) });
  const commitSkills = s.assign({ skills: ({ context }) => context.skillPicks });
  const skillsFromText = (ev: Ev) => readSkills(textOf(ev), deps).codes;
  const askSkillsAgain = ask((ctx, ev) => {
    const unknown = readSkills(textOf(ev), deps).unknown;
    return skillsQuestion(ctx, deps, unknown.length > 0 ? t.skillsPartlyFound(unknown) : undefined);
  });
  const skillsDone = [
    { guard: and(['wantsDone', 'hasPicks']), target: 'afterSkills', actions: commitSkills },
    { guard: 'wantsDone', actions: reask(t.skillsNoneChosen) },
  ] as const;
  const clearPicks = [s.assign({ skillPicks: [] }), ...ask((ctx) => skillsQuestion(ctx, deps, t.skillsCleared))];
  const pickClass = { guard: pick('skill:'), actions: [addPicks((ev) => (ev.type === 'answer.choice' ? [ev.id.slice('skill:'.length)] : [])), ...askSkillsAgain] };

  const setCommunity = (code: (ctx: Ctx, ev: Ev) => string | null) => s.assign({ communityCode: ({ context, event }) => code(context, event) });
  const setAvailability = (value: (ctx: Ctx, ev: Ev) => string | null) => s.assign({ availability: ({ context, event }) => value(context, event) });

  const summaryEdits = [
    { guard: pick('edit:submit'), target: 'submitting' },
    { guard: pick('edit:name'), target: 'name', actions: s.assign({ editing: true }) },
    { guard: pick('edit:phone'), target: 'phone', actions: s.assign({ editing: true }) },
    { guard: pick('edit:party'), target: 'party', actions: s.assign({ editing: true }) },
    { guard: pick('edit:skills'), target: 'skills', actions: s.assign({ editing: true }) },
    { guard: pick('edit:community'), target: 'community', actions: s.assign({ editing: true }) },
    { guard: pick('edit:availability'), target: 'availability', actions: s.assign({ editing: true }) },
  ] as const;

  const emergencyActions = [
    { type: 'reply', params: ({ event }: { event: Ev }) => ({ text: residentTexts.emergency(event.type === 'emergency.detected' ? event.services : []) }) },
    { type: 'recordAlert', params: ({ event }: { event: Ev }) => (event.type === 'emergency.detected' ? { words: event.words, services: event.services } : { words: [], services: [] }) },
  ] as const;

  return s.createMachine({
    id: VOLUNTEER_FLOW_ID,
    context: ({ input }) => initialVolunteerContext(input),
    initial: 'idle',
    on: {
      'nav.cancel': { target: '.cancelled', actions: say(t.cancelled) },
      'nav.help': { actions: [{ type: 'reply', params: ({ context }) => ({ text: context.question.help }) }, reask()] },
      'nav.back': { actions: [say(t.firstStep), reask()] },
      'nav.start': {
        target: '.name',
        actions: [
          s.assign(({ context }) => ({ ...initialVolunteerContext({ profile: context.profile, registration: context.registration }), question: context.question })),
          say(t.welcome),
        ],
      },
      'nav.unknownCommand': { actions: [say(t.unknownCommand), reask()] },
      'emergency.detected': {
        actions: [
          ...emergencyActions,
          reask(),
        ],
      },
      'answer.stale': { actions: noteThenReask(t.stale) },
      'answer.edited': { actions: noteThenReask(t.editedMessage) },
      'answer.media': [
        { guard: 'isVoice', actions: reask(t.voiceNotSupported) },
        { guard: 'isPhoto', actions: reask(t.photoNotNeeded) },
        { actions: reask(t.mediaNotSupported) },
      ],
      'answer.contact': { actions: reask(t.contactNotNeeded) },
      'answer.location': { actions: reask(t.locationNotNeeded) },
      'answer.text': fallback,
      'answer.choice': fallback,
    },
    states: {
      // The message that opened the flow (我要当志愿者, /volunteer, …) is not an answer.
      idle: {
        on: {
          '*': begin,
          'nav.cancel': [begin[0], { target: 'cancelled', actions: say(t.cancelled) }],
        },
      },
      name: {
        entry: ask((ctx) => nameQuestion(ctx)),
        on: {
          'answer.text': [
            { guard: pick(VCHOICE.knownName), target: 'afterName', actions: setName((ctx) => knownName(ctx)) },
            { guard: 'validName', target: 'afterName', actions: setName((_, ev) => readName(textOf(ev))) },
            { actions: reask(t.nameInvalid) },
          ],
          'answer.choice': [{ guard: pick(VCHOICE.knownName), target: 'afterName', actions: setName((ctx) => knownName(ctx)) }, fallback],
          'nav.back': [{ guard: 'editing', target: 'summary' }, { actions: [say(t.firstStep), reask()] }],
        },
      },
      afterName: { always: summaryOr('phone') },
      phone: {
        entry: ask((ctx) => phoneQuestion(ctx)),
        on: {
          'answer.text': [
            { guard: pick(VCHOICE.knownPhone), target: 'afterPhone', actions: setKnownPhone },
            { guard: 'mobile', target: 'afterPhone', actions: setPhone },
            { guard: 'landline', actions: reask(t.phoneLandline) },
            { actions: reask(t.phoneInvalid) },
          ],
          'answer.choice': [{ guard: pick(VCHOICE.knownPhone), target: 'afterPhone', actions: setKnownPhone }, fallback],
          'answer.contact': [
            { guard: 'mobile', target: 'afterPhone', actions: setPhone },
            { guard: 'landline', actions: reask(t.phoneLandline) },
            { actions: reask(t.phoneInvalid) },
          ],
          'nav.back': summaryOr('name'),
        },
      },
      afterPhone: { always: summaryOr('party') },
      party: {
        entry: ask(() => partyQuestion()),
        on: {
          'answer.text': [
            { guard: pick('party:'), target: 'afterParty', actions: setParty((ctx, ev) => picked(ev, ctx, 'party:') === 'yes') },
            { guard: 'partyWord', target: 'afterParty', actions: setParty((_, ev) => readPartyMember(textOf(ev))) },
            fallback,
          ],
          'answer.choice': [{ guard: pick('party:'), target: 'afterParty', actions: setParty((ctx, ev) => picked(ev, ctx, 'party:') === 'yes') }, fallback],
          'nav.back': summaryOr('phone'),
        },
      },
      afterParty: { always: summaryOr('skills') },
      skills: {
        entry: [s.assign({ skillPicks: ({ context }) => context.skills }), ...ask((ctx) => skillsQuestion(ctx, deps))],
        on: {
          'answer.text': [
            ...skillsDone,
            { guard: 'wantsClear', actions: clearPicks },
            { guard: 'skillsFoundAndDone', target: 'afterSkills', actions: [addPicks(skillsFromText), commitSkills] },
            { guard: 'skillsFound', actions: [addPicks(skillsFromText), ...askSkillsAgain] },
            { guard: 'meaningful', actions: { type: 'reply', params: ({ context, event }) => payload(context, t.skillsNotFound(readSkills(textOf(event), deps).unknown)) } },
            fallback,
          ],
          'answer.choice': [...skillsDone, { guard: 'wantsClear', actions: clearPicks }, pickClass, fallback],
          'nav.back': [{ guard: 'editing', target: 'summary' }, { target: 'party', actions: commitSkills }],
        },
      },
      afterSkills: { always: summaryOr('community') },
      community: {
        entry: ask((ctx) => communityQuestion(ctx, deps)),
        exit: s.assign({ communityOptions: [] }),
        on: {
          'answer.text': [
            { guard: pick('community:'), target: 'afterCommunity', actions: setCommunity((ctx, ev) => picked(ev, ctx, 'community:')) },
            { guard: 'oneCommunity', target: 'afterCommunity', actions: setCommunity((_, ev) => deps.matchCommunities(textOf(ev))[0]?.code ?? null) },
            {
              guard: 'severalCommunities',
              actions: [
                s.assign({ communityOptions: ({ event }) => deps.matchCommunities(textOf(event)).slice(0, 9).map((c) => c.code) }),
                ...ask((ctx) => communityQuestion(ctx, deps, t.communitySeveral)),
              ],
            },
            { guard: 'meaningful', actions: ask((ctx, ev) => communityQuestion(ctx, deps, t.communityNotFound([...normalizeText(textOf(ev))].slice(0, 20).join('')))) },
            fallback,
          ],
          'answer.choice': [{ guard: pick('community:'), target: 'afterCommunity', actions: setCommunity((ctx, ev) => picked(ev, ctx, 'community:')) }, fallback],
          'answer.location': [
            { guard: 'locatedCommunity', target: 'afterCommunity', actions: setCommunity((_, ev) => locationCommunities(ev)[0]?.code ?? null) },
            { actions: reask(t.locationNotNeeded) },
          ],
          'nav.back': summaryOr('skills'),
        },
      },
      afterCommunity: { always: summaryOr('availability') },
      availability: {
        entry: ask(() => availabilityQuestion()),
        on: {
          'answer.text': [
            { guard: pick('availability:'), target: 'summary', actions: setAvailability((ctx, ev) => picked(ev, ctx, 'availability:')) },
            { guard: 'freeAvailability', target: 'summary', actions: setAvailability((_, ev) => normalizeText(textOf(ev))) },
            { actions: reask(t.availabilityInvalid) },
          ],
          'answer.choice': [{ guard: pick('availability:'), target: 'summary', actions: setAvailability((ctx, ev) => picked(ev, ctx, 'availability:')) }, fallback],
          'nav.back': summaryOr('community'),
        },
      },
      summary: {
        entry: [s.assign({ editing: false }), ...ask((ctx) => summaryQuestion(ctx, deps))],
        on: {
          'answer.text': [{ guard: 'yes', target: 'submitting' }, ...summaryEdits, fallback],
          'answer.choice': [...summaryEdits, fallback],
          'nav.back': 'availability',
        },
      },
      submitting: {
        entry: { type: 'registerVolunteer', params: ({ context }) => draftOf(context) },
        on: {
          'volunteer.registered': {
            target: 'submitted',
            actions: { type: 'reply', params: ({ context, event }) => ({ text: event.status === 'pending' ? t.submitted : statusText(event.status, context.name ?? '') }) },
          },
        },
      },
      submitted: { type: 'final' },
      registered: { type: 'final' },
      cancelled: { type: 'final' },
    },
  });
}

/** The machine `createVolunteerMachine` builds. */
export type VolunteerMachine = ReturnType<typeof createVolunteerMachine>;
