import { safetyTexts } from '../src/texts/safety.js';
import { volunteerTexts as t } from '../src/texts/volunteer.js';
import { normalizeText } from './common/choice.js';
import { emergencyActions, isWatch, watchActions } from './common/safety/index.js';
import { textOf } from './common/guards.js';
import { chosenPlace, nextPlace, noPlace, placeUp } from './common/places.js';
import { answersAnywhere, noQuestion, reask, say } from './common/question.js';
import { readName, readPartyMember } from './volunteer.input.js';
import { availabilityQuestion, communityQuestion, knownMobile, knownName, nameQuestion, partyQuestion, phoneQuestion, VCHOICE } from './volunteer.questions.js';
import { mobileOf, pickedExactly as picked, volunteerKit } from './volunteer.setup.js';
import { skillsState } from './volunteer.skills.js';
import { summaryStates, statusText } from './volunteer.summary.js';
import type { VolunteerContext, VolunteerEvent, VolunteerFlowDeps, VolunteerInput } from './volunteer.types.js';

/** Bump when a change makes saved snapshots unfit: old conversations then restart politely. */
export const VOLUNTEER_FLOW_VERSION = 2;
/** The flow's id, as saved with its conversations. */
export const VOLUNTEER_FLOW_ID = 'volunteer';

type Ev = VolunteerEvent;
type Ctx = VolunteerContext;

/** A fresh context: nothing gathered yet. */
export function initialVolunteerContext(input: VolunteerInput): VolunteerContext {
  return {
    profile: input.profile,
    registration: input.registration,
    question: noQuestion(),
    name: null,
    phone: null,
    partyMember: null,
    skills: [],
    skillPicks: [],
    ...noPlace(),
    communityCode: null,
    availability: null,
    editing: false,
  };
}

/** The volunteer registration: name → mobile → party member → skills → community → availability → summary → stored as pending. */
export function createVolunteerMachine(deps: VolunteerFlowDeps) {
  const kit = volunteerKit(deps);
  const { s, ask, fallback, pick, summaryOr, locationCommunities } = kit;

  const tellStatus = {
    type: 'reply',
    params: ({ context }: { context: Ctx }) => ({
      text: statusText(context.registration?.status ?? 'pending', context.registration?.name ?? '', deps.hotlinePhone),
    }),
  } as const;
  const begin = [
    { guard: 'registered', target: 'registered', actions: tellStatus },
    { target: 'name', actions: say(t.welcome) },
  ] as const;

  const setName = (value: (ctx: Ctx, ev: Ev) => string | null) => s.assign({ name: ({ context, event }) => value(context, event) });
  const useKnownName = { guard: pick(VCHOICE.knownName), target: 'afterName', actions: setName((ctx) => knownName(ctx)) } as const;
  const setPhone = s.assign({ phone: ({ event }) => mobileOf(event) });
  const useKnownPhone = { guard: pick(VCHOICE.knownPhone), target: 'afterPhone', actions: s.assign({ phone: ({ context }) => knownMobile(context) }) } as const;
  const phoneAnswers = [
    { guard: 'mobile', target: 'afterPhone', actions: setPhone },
    { guard: 'landline', actions: reask(t.phoneLandline) },
    { actions: reask(t.phoneInvalid) },
  ] as const;
  const chooseParty = {
    guard: pick('party:'),
    target: 'afterParty',
    actions: s.assign({ partyMember: ({ context, event }) => picked(event, context, 'party:') === 'yes' }),
  } as const;
  const setCommunity = (code: (ctx: Ctx, ev: Ev) => string | null) => s.assign({ communityCode: ({ context, event }) => code(context, event) });
  // The community question: a typed name, a choice, or a step-by-step pick (flows/common/places.ts).
  const choosePlace = { guard: 'placeChosen', target: 'afterCommunity', actions: setCommunity((ctx, ev) => chosenPlace(deps, ctx, ev)) } as const;
  const askPlace = ask((ctx) => communityQuestion(ctx, deps));
  const changePlace = { guard: 'placeChanged', actions: [s.assign(({ context, event }) => nextPlace(deps, context, event)), ...askPlace] } as const;
  const setAvailability = (value: (ctx: Ctx, ev: Ev) => string | null) => s.assign({ availability: ({ context, event }) => value(context, event) });
  const chooseAvailability = {
    guard: pick('availability:'),
    target: 'summary',
    actions: setAvailability((ctx, ev) => picked(ev, ctx, 'availability:')),
  } as const;

  return s.createMachine({
    id: VOLUNTEER_FLOW_ID,
    context: ({ input }) => initialVolunteerContext(input),
    initial: 'idle',
    on: {
      ...answersAnywhere(t),
      'nav.cancel': { target: '.cancelled', actions: say(t.cancelled) },
      'nav.start': {
        target: '.name',
        actions: [
          s.assign(({ context }) => ({
            ...initialVolunteerContext({ profile: context.profile, registration: context.registration }),
            question: context.question,
          })),
          say(t.welcome),
        ],
      },
      'emergency.detected': [
        { guard: isWatch, actions: [...watchActions(safetyTexts.watch), reask()] },
        { actions: [...emergencyActions(safetyTexts.emergency), reask()] },
      ],
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
            useKnownName,
            { guard: 'validName', target: 'afterName', actions: setName((_, ev) => readName(textOf(ev))) },
            { actions: reask(t.nameInvalid) },
          ],
          'answer.choice': [useKnownName, fallback],
          'nav.back': [{ guard: 'editing', target: 'summary' }, { actions: [say(t.firstStep), reask()] }],
        },
      },
      afterName: { always: summaryOr('phone') },
      phone: {
        entry: ask((ctx) => phoneQuestion(ctx)),
        on: {
          'answer.text': [useKnownPhone, ...phoneAnswers],
          'answer.choice': [useKnownPhone, fallback],
          'answer.contact': phoneAnswers,
          'nav.back': summaryOr('name'),
        },
      },
      afterPhone: { always: summaryOr('party') },
      party: {
        entry: ask(() => partyQuestion()),
        on: {
          'answer.text': [
            chooseParty,
            { guard: 'partyWord', target: 'afterParty', actions: s.assign({ partyMember: ({ event }) => readPartyMember(textOf(event)) }) },
            fallback,
          ],
          'answer.choice': [chooseParty, fallback],
          'nav.back': summaryOr('phone'),
        },
      },
      afterParty: { always: summaryOr('skills') },
      skills: skillsState(kit),
      afterSkills: { always: summaryOr('community') },
      community: {
        entry: askPlace,
        exit: s.assign(noPlace()),
        on: {
          'answer.text': [choosePlace, changePlace, fallback],
          'answer.choice': [choosePlace, changePlace, fallback],
          'answer.location': [
            { guard: 'locatedCommunity', target: 'afterCommunity', actions: setCommunity((_, ev) => locationCommunities(ev)[0]?.code ?? null) },
            { actions: reask(t.locationNotNeeded) },
          ],
          'nav.back': [
            { guard: 'pickingPlace', actions: [s.assign(({ context }) => placeUp(deps, context) ?? noPlace()), ...askPlace] },
            ...summaryOr('skills'),
          ],
        },
      },
      afterCommunity: { always: summaryOr('availability') },
      availability: {
        entry: ask(() => availabilityQuestion()),
        on: {
          'answer.text': [
            chooseAvailability,
            { guard: 'freeAvailability', target: 'summary', actions: setAvailability((_, ev) => normalizeText(textOf(ev))) },
            { actions: reask(t.availabilityInvalid) },
          ],
          'answer.choice': [chooseAvailability, fallback],
          'nav.back': summaryOr('community'),
        },
      },
      ...summaryStates(kit),
      registered: { type: 'final' },
      cancelled: { type: 'final' },
    },
  });
}

/** The machine `createVolunteerMachine` builds. */
export type VolunteerMachine = ReturnType<typeof createVolunteerMachine>;
