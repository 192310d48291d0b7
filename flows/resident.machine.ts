import { and } from 'xstate';
import { texts } from '../src/texts/resident.js';
import { safetyTexts } from '../src/texts/safety.js';
import { emergencyActions, isWatch, watchActions } from './common/safety/index.js';
import { noPlace } from './common/places.js';
import { answersAnywhere, noQuestion, noteThenReask, reask, say } from './common/question.js';
import { confirmStates } from './resident.confirm.js';
import { classifyStates } from './resident.classify.js';
import { intakeStates } from './resident.intake.js';
import { myRequestsStates } from './resident.mine.js';
import { residentKit } from './resident.setup.js';
import type { ResidentContext, ResidentFlowDeps, ResidentProfile } from './resident.types.js';

/** Bump when a change makes saved snapshots unfit: old conversations then restart politely. */
export const RESIDENT_FLOW_VERSION = 2;
export const RESIDENT_FLOW_ID = 'resident';

export function initialResidentContext(profile: ResidentProfile): ResidentContext {
  return {
    profile,
    question: noQuestion(),
    description: null,
    attachments: [],
    classCode: null,
    itemPage: 0,
    itemCode: null,
    proposals: [],
    ...noPlace(),
    communityCode: null,
    address: null,
    phone: null,
    phoneOwner: null,
    wantedTime: null,
    urgent: false,
    emergencyWords: [],
    editing: false,
    pending: [],
    requests: [],
    cancelTicket: null,
    ticket: null,
  };
}

/** The resident flow: describe a problem → item → community → address → phone → time → confirm; and "my requests". */
export function createResidentMachine(deps: ResidentFlowDeps) {
  const kit = residentKit(deps);
  const { s, setDescription, notePending, noteTruncated, attachPhoto, emergencyItemFirst } = kit;
  /** After an emergency, the one proposal is taken at once: the shortest path to an urgent request. */
  const takeProposal = s.assign({
    itemCode: ({ context }) => context.proposals[0] ?? null,
    classCode: ({ context }) => deps.item(context.proposals[0] ?? '')?.classCode ?? null,
  });
  const hello = say(texts.hello);

  return s.createMachine({
    id: RESIDENT_FLOW_ID,
    context: ({ input }) => initialResidentContext(input.profile),
    initial: 'idle',
    on: {
      // A location is an answer only at the address step.
      ...answersAnywhere({ ...texts, locationNotNeeded: texts.notUnderstood, voiceNotSupported: texts.voiceNotSupported(deps.hotlinePhone) }),
      'emergency.detected': [
        // A watch-level sign: the soft line only; the request is not urgent and organizers are not alerted.
        { guard: isWatch, actions: watchActions(safetyTexts.watch) },
        {
          actions: [
            s.assign({
              urgent: true,
              emergencyWords: ({ context, event }) =>
                event.type === 'emergency.detected' ? [...new Set([...context.emergencyWords, ...event.words])] : context.emergencyWords,
            }),
            ...emergencyActions(safetyTexts.emergency),
          ],
        },
      ],
      'nav.cancel': [
        // A further problem of the first message given up: the request already filed stands.
        {
          guard: 'filedBefore',
          target: '.cancelled',
          actions: { type: 'reply', params: ({ context }) => ({ text: texts.restNotFiled(context.ticket ?? '') }) },
        },
        { target: '.cancelled', actions: say(texts.cancelled) },
      ],
      'nav.mine': { actions: [say(texts.mineDuringIntake), reask()] },
      'asks.call': { actions: noteThenReask(texts.callHotline(deps.hotlinePhone)) },
      'nav.start': {
        target: '.describe',
        actions: s.assign(({ context }) => ({
          ...initialResidentContext(context.profile),
          question: context.question,
          urgent: context.urgent,
          emergencyWords: context.emergencyWords,
        })),
      },
    },
    states: {
      // Before the first message: every first message gets the greeting, then the first question;
      // after emergency guidance, no greeting.
      idle: {
        on: {
          'answer.text': [
            emergencyItemFirst,
            { guard: and(['emergencyText', 'singleProposal']), target: 'afterItem', actions: [setDescription, takeProposal, notePending, noteTruncated] },
            { guard: and(['emergencyText', 'matchesItems']), target: 'confirmItem', actions: [setDescription, notePending, noteTruncated] },
            { guard: 'emergencyText', target: 'describe', actions: [setDescription, noteTruncated] },
            // A greeting or "who are you": greeted and asked what is wrong, nothing noted.
            { guard: 'greeting', target: 'describe', actions: hello },
            { guard: 'asksWho', target: 'describe', actions: [hello, say(texts.whoWeAre)] },
            { guard: 'wantsSecondOpinion', target: 'classifying', actions: [hello, setDescription, notePending, noteTruncated] },
            { guard: 'matchesItems', target: 'confirmItem', actions: [hello, setDescription, notePending, noteTruncated] },
            { guard: 'meaningful', target: 'describe', actions: [hello, setDescription, noteTruncated] },
            { target: 'describe', actions: hello },
          ],
          'answer.media': [
            { guard: 'isPhoto', target: 'describe', actions: [attachPhoto, hello, say(texts.photoAttached)] },
            { guard: 'isVoice', target: 'describe', actions: [hello, say(texts.voiceNotSupported(deps.hotlinePhone))] },
            { target: 'describe', actions: [hello, say(texts.mediaNotSupported)] },
          ],
          'answer.choice': { target: 'describe', actions: hello },
          'answer.location': { target: 'describe', actions: hello },
          'answer.contact': { target: 'describe', actions: hello },
          'answer.stale': { target: 'describe', actions: hello },
          'answer.edited': { target: 'describe', actions: [hello, say(texts.editedMessage)] },
          'asks.call': { target: 'describe', actions: [hello, say(texts.callHotline(deps.hotlinePhone))] },
          'nav.start': { target: 'describe', actions: hello },
          'nav.help': { target: 'describe', actions: [hello, say(texts.describeHelp)] },
          'nav.back': { target: 'describe', actions: hello },
          'nav.unknownCommand': { target: 'describe', actions: [hello, say(texts.unknownCommand)] },
          'nav.cancel': { actions: say(texts.nothingToCancel) },
          'nav.mine': 'listing',
        },
      },
      ...intakeStates(kit),
      ...classifyStates(kit),
      ...confirmStates(kit),
      cancelled: { type: 'final' },
      ...myRequestsStates(kit),
      finished: { type: 'final' },
    },
  });
}

export type ResidentMachine = ReturnType<typeof createResidentMachine>;
