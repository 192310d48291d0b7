import { texts } from '../src/texts/resident.js';
import { NO_WORDS, YES_WORDS, normalizeText } from './choice.js';
import { MAX_TEXT } from './resident.input.js';
import { myRequestsStates } from './resident.mine.js';
import {
  addressQuestion,
  CHOICE,
  communityQuestion,
  confirmItemQuestion,
  confirmQuestion,
  describeQuestion,
  phoneQuestion,
  pickItemQuestion,
  whenQuestion,
} from './resident.questions.js';
import { picked, residentKit, textOf } from './resident.setup.js';
import type { RequestDraft, ResidentContext, ResidentEvent, ResidentFlowDeps, ResidentProfile } from './resident.types.js';
import { normalizePhone } from './validate.js';

/** Bump when a change makes saved snapshots unfit: old conversations then restart politely. */
export const RESIDENT_FLOW_VERSION = 1;
export const RESIDENT_FLOW_ID = 'resident';

export function initialResidentContext(profile: ResidentProfile): ResidentContext {
  return {
    profile,
    question: { id: 0, text: '', choices: [], help: '' },
    description: null,
    attachments: [],
    classCode: null,
    itemCode: null,
    proposals: [],
    communityOptions: [],
    communityCode: null,
    address: null,
    phone: null,
    wantedTime: null,
    urgent: false,
    emergencyWords: [],
    editing: false,
    requests: [],
    cancelTicket: null,
    ticket: null,
  };
}

/** The resident flow: describe a problem → item → community → address → phone → time → confirm; and "my requests". */
export function createResidentMachine(deps: ResidentFlowDeps) {
  const kit = residentKit(deps);
  const { s, say, ask, reask, noteThenReask, fallback, emergencyFirst } = kit;

  const setDescription = s.assign({
    description: ({ event, context }) => (event.type === 'answer.text' ? event.text.trim() : context.description),
    proposals: ({ event }) => deps.matchItems(textOf(event)).map((m) => m.itemCode),
  });
  const noteTruncated = s.enqueueActions(({ event, enqueue }) => {
    if (event.type === 'answer.text' && event.truncated) enqueue({ type: 'reply', params: { text: texts.truncated(MAX_TEXT) } });
  });
  const attachPhoto = s.assign({ attachments: ({ context, event }) => attach(context, event) });
  const setItem = (prefix: string) =>
    s.assign({
      itemCode: ({ context, event }) => picked(event, context, prefix) ?? context.itemCode,
      classCode: ({ context, event }) => deps.item(picked(event, context, prefix) ?? '')?.classCode ?? context.classCode,
    });
  /** A class picked from the list: the item now comes from that class, not from the proposals. */
  const pickClass = {
    guard: { type: 'picked', params: { prefix: 'class:' } },
    target: 'pickItem',
    actions: s.assign({ classCode: ({ context, event }) => picked(event, context, 'class:'), proposals: [] }),
  } as const;
  const openMine = [
    { guard: 'notStarted', target: 'listing' },
    { actions: [say(texts.mineDuringIntake), reask()] },
  ] as const;
  const afterField = (next: string) => [{ guard: 'editing', target: 'confirm' } as const, { target: next }];
  const hello = say(texts.hello);

  const confirmEdits = [
    { guard: { type: 'picked', params: { prefix: 'edit:submit' } }, target: 'submitting' },
    { guard: { type: 'picked', params: { prefix: 'edit:item' } }, target: 'describe', actions: s.assign({ editing: true }) },
    { guard: { type: 'picked', params: { prefix: 'edit:description' } }, target: 'editDescription' },
    { guard: { type: 'picked', params: { prefix: 'edit:community' } }, target: 'community', actions: s.assign({ editing: true }) },
    { guard: { type: 'picked', params: { prefix: 'edit:address' } }, target: 'address', actions: s.assign({ editing: true }) },
    { guard: { type: 'picked', params: { prefix: 'edit:phone' } }, target: 'phone', actions: s.assign({ editing: true }) },
    { guard: { type: 'picked', params: { prefix: 'edit:when' } }, target: 'when', actions: s.assign({ editing: true }) },
  ] as const;

  return s.createMachine({
    id: RESIDENT_FLOW_ID,
    context: ({ input }) => initialResidentContext(input.profile),
    initial: 'idle',
    on: {
      'emergency.detected': {
        actions: [
          s.assign({ urgent: true, emergencyWords: ({ context, event }) => (event.type === 'emergency.detected' ? [...new Set([...context.emergencyWords, ...event.words])] : context.emergencyWords) }),
          { type: 'reply', params: ({ event }) => ({ text: texts.emergency(event.type === 'emergency.detected' ? event.services : []) }) },
          { type: 'recordAlert', params: ({ event }) => (event.type === 'emergency.detected' ? { words: event.words, services: event.services } : { words: [], services: [] }) },
        ],
      },
      'nav.cancel': { target: '.cancelled', actions: say(texts.cancelled) },
      'nav.help': { actions: [{ type: 'reply', params: ({ context }) => ({ text: context.question.help }) }, reask()] },
      'nav.mine': { actions: [say(texts.mineDuringIntake), reask()] },
      'nav.start': {
        target: '.describe',
        actions: s.assign(({ context }) => ({ ...initialResidentContext(context.profile), question: context.question, urgent: context.urgent, emergencyWords: context.emergencyWords })),
      },
      'nav.unknownCommand': { actions: [say(texts.unknownCommand), reask()] },
      'nav.back': { actions: [say(texts.firstStep), reask()] },
      'answer.stale': { actions: noteThenReask(texts.stale) },
      'answer.edited': { actions: noteThenReask(texts.editedMessage) },
      'answer.media': [
        { guard: 'isVoice', actions: reask(texts.voiceNotSupported) },
        { guard: 'isPhoto', actions: reask(texts.photoNotNeeded) },
        { actions: reask(texts.mediaNotSupported) },
      ],
      'answer.contact': { actions: reask(texts.contactNotNeeded) },
      'answer.location': fallback,
      'answer.text': fallback,
      'answer.choice': fallback,
    },
    states: {
      // Before the first message: every first message gets the greeting, then the first question.
      idle: {
        on: {
          'answer.text': [
            { guard: 'matchesItems', target: 'confirmItem', actions: [hello, setDescription, noteTruncated] },
            { guard: 'greeting', target: 'describe', actions: hello },
            { guard: 'meaningful', target: 'describe', actions: [hello, setDescription, noteTruncated] },
            { target: 'describe', actions: hello },
          ],
          'answer.media': [
            { guard: 'isPhoto', target: 'describe', actions: [attachPhoto, hello, say(texts.photoAttached)] },
            { guard: 'isVoice', target: 'describe', actions: [hello, say(texts.voiceNotSupported)] },
            { target: 'describe', actions: [hello, say(texts.mediaNotSupported)] },
          ],
          'answer.choice': { target: 'describe', actions: hello },
          'answer.location': { target: 'describe', actions: hello },
          'answer.contact': { target: 'describe', actions: hello },
          'answer.stale': { target: 'describe', actions: hello },
          'answer.edited': { target: 'describe', actions: [hello, say(texts.editedMessage)] },
          'nav.start': { target: 'describe', actions: hello },
          'nav.help': { target: 'describe', actions: [hello, say(texts.describeHelp)] },
          'nav.back': { target: 'describe', actions: hello },
          'nav.unknownCommand': { target: 'describe', actions: [hello, say(texts.unknownCommand)] },
          'nav.cancel': { actions: say(texts.nothingToCancel) },
          'nav.mine': 'listing',
        },
      },
      describe: {
        entry: ask((ctx) =>
          describeQuestion(deps, ctx.description !== null && !ctx.editing ? texts.notUnderstoodDescription : texts.describeAgain, ctx.description === null && ctx.itemCode === null && !ctx.editing),
        ),
        on: {
          'answer.text': [
            pickClass,
            { guard: { type: 'picked', params: { prefix: CHOICE.mine } }, target: 'listing' },
            { guard: 'matchesItems', target: 'confirmItem', actions: [setDescription, noteTruncated] },
            { guard: 'meaningful', actions: [setDescription, noteTruncated, reask(texts.notUnderstoodDescription)] },
            { actions: reask(texts.emptyDescription) },
          ],
          'answer.choice': [pickClass, { guard: { type: 'picked', params: { prefix: CHOICE.mine } }, target: 'listing' }, fallback],
          'answer.media': { guard: 'isPhoto', actions: [attachPhoto, reask(`${texts.photoAttached}\n${texts.emptyDescription}`)] },
          'nav.mine': openMine,
          'nav.back': [{ guard: 'editing', target: 'confirm' }, { actions: [say(texts.firstStep), reask()] }],
        },
      },
      pickItem: {
        entry: ask((ctx) => pickItemQuestion(ctx, deps)),
        on: {
          'answer.text': [
            { guard: { type: 'picked', params: { prefix: 'item:' } }, target: 'afterItem', actions: setItem('item:') },
            { guard: 'matchesItems', target: 'confirmItem', actions: [setDescription, noteTruncated] },
            fallback,
          ],
          'answer.choice': [{ guard: { type: 'picked', params: { prefix: 'item:' } }, target: 'afterItem', actions: setItem('item:') }, fallback],
          'nav.back': 'describe',
        },
      },
      confirmItem: {
        entry: ask((ctx) => confirmItemQuestion(ctx, deps)),
        on: {
          'answer.text': [
            { guard: { type: 'picked', params: { prefix: 'item:' } }, target: 'afterItem', actions: setItem('item:') },
            { guard: { type: 'picked', params: { prefix: CHOICE.none } }, target: 'describe' },
            { guard: { type: 'said', params: { words: YES_WORDS } }, target: 'afterItem', actions: s.assign({ itemCode: ({ context }) => context.proposals[0] ?? null, classCode: ({ context }) => deps.item(context.proposals[0] ?? '')?.classCode ?? null }) },
            { guard: { type: 'said', params: { words: NO_WORDS } }, target: 'describe' },
            { guard: 'matchesItems', target: 'confirmItem', reenter: true, actions: [setDescription, noteTruncated] },
            fallback,
          ],
          'answer.choice': [
            { guard: { type: 'picked', params: { prefix: 'item:' } }, target: 'afterItem', actions: setItem('item:') },
            { guard: { type: 'picked', params: { prefix: CHOICE.none } }, target: 'describe' },
            fallback,
          ],
          'nav.back': 'describe',
        },
      },
      afterItem: { always: afterField('community') },
      community: {
        entry: ask((ctx) => communityQuestion(ctx, deps)),
        exit: s.assign({ communityOptions: [] }),
        on: {
          'answer.text': [
            emergencyFirst,
            { guard: { type: 'picked', params: { prefix: 'community:' } }, target: 'afterCommunity', actions: s.assign({ communityCode: ({ context, event }) => picked(event, context, 'community:') }) },
            { guard: 'oneCommunity', target: 'afterCommunity', actions: s.assign({ communityCode: ({ event }) => deps.matchCommunities(textOf(event))[0]?.code ?? null }) },
            {
              guard: 'severalCommunities',
              actions: [
                s.assign({ communityOptions: ({ event }) => deps.matchCommunities(textOf(event)).slice(0, 9).map((c) => c.code) }),
                ...ask((ctx) => communityQuestion(ctx, deps, texts.communitySeveral)),
              ],
            },
            { guard: 'meaningful', actions: ask((ctx, ev) => communityQuestion(ctx, deps, texts.communityNotFound([...normalizeText(textOf(ev))].slice(0, 20).join('')))) },
            fallback,
          ],
          'answer.choice': [
            { guard: { type: 'picked', params: { prefix: 'community:' } }, target: 'afterCommunity', actions: s.assign({ communityCode: ({ context, event }) => picked(event, context, 'community:') }) },
            fallback,
          ],
          'nav.back': [{ guard: 'editing', target: 'confirm' }, { guard: 'cameViaProposals', target: 'confirmItem' }, { target: 'pickItem' }],
        },
      },
      afterCommunity: { always: afterField('address') },
      address: {
        entry: ask(() => addressQuestion()),
        on: {
          'answer.text': [
            emergencyFirst,
            { guard: 'addressTooShort', actions: reask(texts.addressTooShort) },
            { guard: 'addressTooLong', actions: reask(texts.addressTooLong) },
            { target: 'afterAddress', actions: s.assign({ address: ({ event }) => textOf(event).trim() }) },
          ],
          'answer.location': {
            target: 'afterAddress',
            actions: [
              s.assign({ address: ({ event }) => (event.type === 'answer.location' ? locationLabel(event) : null) }),
              { type: 'reply', params: ({ context }) => ({ text: texts.locationReceived(context.address ?? '') }) },
            ],
          },
          'nav.back': [{ guard: 'editing', target: 'confirm' }, { target: 'community' }],
        },
      },
      afterAddress: { always: afterField('phone') },
      phone: {
        entry: ask((ctx) => phoneQuestion(ctx)),
        on: {
          'answer.text': [
            emergencyFirst,
            { guard: { type: 'picked', params: { prefix: CHOICE.knownPhone } }, target: 'afterPhone', actions: s.assign({ phone: ({ context }) => context.profile.phone }) },
            { guard: 'validPhone', target: 'afterPhone', actions: s.assign({ phone: ({ event }) => normalizePhone(textOf(event)) }) },
            { actions: reask(texts.phoneInvalid) },
          ],
          'answer.choice': [
            { guard: { type: 'picked', params: { prefix: CHOICE.knownPhone } }, target: 'afterPhone', actions: s.assign({ phone: ({ context }) => context.profile.phone }) },
            fallback,
          ],
          'answer.contact': [
            { guard: 'validPhone', target: 'afterPhone', actions: s.assign({ phone: ({ event }) => (event.type === 'answer.contact' ? normalizePhone(event.phone) : null) }) },
            { actions: reask(texts.phoneInvalid) },
          ],
          'nav.back': [{ guard: 'editing', target: 'confirm' }, { target: 'address' }],
        },
      },
      afterPhone: { always: afterField('when') },
      when: {
        entry: ask(() => whenQuestion()),
        on: {
          'answer.text': [
            emergencyFirst,
            // Only a number or a whole label picks a choice: "明天下午" is kept as said.
            { guard: { type: 'picked', params: { prefix: 'when:', exact: true } }, target: 'confirm', actions: s.assign({ wantedTime: ({ context, event }) => picked(event, context, 'when:', true) }) },
            { guard: 'freeTime', target: 'confirm', actions: s.assign({ wantedTime: ({ event }) => normalizeText(textOf(event)) }) },
            fallback,
          ],
          'answer.choice': [
            { guard: { type: 'picked', params: { prefix: 'when:' } }, target: 'confirm', actions: s.assign({ wantedTime: ({ context, event }) => picked(event, context, 'when:') }) },
            fallback,
          ],
          'nav.back': [{ guard: 'editing', target: 'confirm' }, { target: 'phone' }],
        },
      },
      confirm: {
        entry: [s.assign({ editing: false }), ...ask((ctx) => confirmQuestion(ctx, deps))],
        on: {
          'answer.text': [emergencyFirst, { guard: { type: 'said', params: { words: YES_WORDS } }, target: 'submitting' }, ...confirmEdits, fallback],
          'answer.choice': [...confirmEdits, fallback],
          'nav.back': 'when',
        },
      },
      editDescription: {
        entry: ask(() => ({ text: texts.askDescriptionEdit, choices: [], help: texts.describeHelp })),
        on: {
          'answer.text': [{ guard: 'meaningful', target: 'confirm', actions: [s.assign({ description: ({ event }) => textOf(event).trim() }), noteTruncated] }, { actions: reask(texts.emptyDescription) }],
          'answer.media': { guard: 'isPhoto', actions: [attachPhoto, reask(`${texts.photoAttached}\n${texts.askDescriptionEdit}`)] },
          'nav.back': 'confirm',
        },
      },
      submitting: {
        entry: { type: 'createRequest', params: ({ context }) => draftOf(context, deps) },
        on: {
          'request.created': { target: 'submitted', actions: [s.assign({ ticket: ({ event }) => (event.type === 'request.created' ? event.ticket : null) }), { type: 'reply', params: ({ context }) => ({ text: texts.submitted(context.ticket ?? '', context.urgent) }) }] },
        },
      },
      submitted: { type: 'final' },
      cancelled: { type: 'final' },
      ...myRequestsStates(kit),
      finished: { type: 'final' },
    },
  });
}

function attach(ctx: ResidentContext, event: ResidentEvent): string[] {
  if (event.type !== 'answer.media' || !event.ref) return ctx.attachments;
  return [...ctx.attachments, event.ref].slice(-10);
}

function locationLabel(e: { latitude: number; longitude: number; label: string | null }): string {
  return e.label ?? `位置 ${e.latitude.toFixed(5)},${e.longitude.toFixed(5)}`;
}

function draftOf(ctx: ResidentContext, deps: ResidentFlowDeps): RequestDraft {
  return {
    classCode: ctx.classCode ?? '',
    itemCode: ctx.itemCode ?? '',
    communityCode: ctx.communityCode ?? '',
    // Chosen from the lists without words: the item's name, as the summary showed it.
    description: ctx.description ?? deps.item(ctx.itemCode ?? '')?.name ?? '',
    address: ctx.address ?? '',
    phone: ctx.phone ?? '',
    wantedTime: ctx.wantedTime ?? '',
    urgent: ctx.urgent,
    emergencyWords: ctx.emergencyWords,
    attachments: ctx.attachments,
  };
}

export type ResidentMachine = ReturnType<typeof createResidentMachine>;
