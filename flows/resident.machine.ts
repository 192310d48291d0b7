import { setup } from 'xstate';
import type { OutgoingPayload } from '../src/core/message.js';
import { texts } from '../src/core/texts.js';
import { type Answer, NO_WORDS, YES_WORDS, normalizeText, resolveChoice } from './choice.js';
import { MAX_TEXT } from './resident.input.js';
import {
  CHOICE,
  type QuestionBody,
  addressQuestion,
  communityQuestion,
  confirmCancelQuestion,
  confirmItemQuestion,
  confirmQuestion,
  describeQuestion,
  phoneQuestion,
  pickItemQuestion,
  requestListQuestion,
  whenQuestion,
} from './resident.questions.js';
import type { RequestDraft, ResidentContext, ResidentEvent, ResidentFlowDeps, ResidentProfile } from './resident.types.js';
import { isMeaningful, normalizePhone } from './validate.js';

/** Bump when a change makes saved snapshots unfit: old conversations then restart politely. */
export const RESIDENT_FLOW_VERSION = 1;
export const RESIDENT_FLOW_ID = 'resident';

const GREETINGS = ['你好', '您好', '在吗', '在不在', '喂', 'hi', 'hello', '哈喽', '早上好', '下午好', '晚上好', '有人吗'];

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

type Ev = ResidentEvent;
const textOf = (e: Ev): string => (e.type === 'answer.text' ? e.text : '');
const asAnswer = (e: Ev): Answer | null => (e.type === 'answer.text' || e.type === 'answer.choice' ? e : null);
const picked = (e: Ev, ctx: ResidentContext, prefix: string): string | null => {
  const answer = asAnswer(e);
  const id = answer ? resolveChoice(answer, ctx.question.choices) : null;
  return id?.startsWith(prefix) ? id.slice(prefix.length) : null;
};
const isWord = (e: Ev, words: string[]) => e.type === 'answer.text' && words.includes(normalizeText(e.text).toLowerCase());

/** The resident flow: describe a problem → item → community → address → phone → time → confirm; and "my requests". */
export function createResidentMachine(deps: ResidentFlowDeps) {
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
      picked: ({ context, event }, p: { prefix: string }) => picked(event, context, p.prefix) !== null,
      said: ({ event }, p: { words: string[] }) => isWord(event, p.words),
      matchesItems: ({ event }) => deps.matchItems(textOf(event)).length > 0,
      meaningful: ({ event }) => isMeaningful(textOf(event)),
      greeting: ({ event }) => isWord(event, GREETINGS),
      editing: ({ context }) => context.editing,
      hasDescription: ({ context }) => context.description !== null,
      cameViaProposals: ({ context }) => context.proposals.length > 0,
      isPhoto: ({ event }) => event.type === 'answer.media' && event.media === 'photo',
      isVoice: ({ event }) => event.type === 'answer.media' && event.media === 'voice',
      validPhone: ({ event }) =>
        normalizePhone(event.type === 'answer.contact' ? event.phone : textOf(event)) !== null,
      addressTooShort: ({ event }) => normalizeText(textOf(event)).length < 4,
      addressTooLong: ({ event }) => normalizeText(textOf(event)).length > 100,
      oneCommunity: ({ event }) => deps.matchCommunities(textOf(event)).length === 1,
      severalCommunities: ({ event }) => deps.matchCommunities(textOf(event)).length > 1,
      freeTime: ({ event }) => isMeaningful(textOf(event)) && normalizeText(textOf(event)).length <= 50,
      noRequests: ({ event }) => event.type === 'requests.listed' && event.requests.length === 0,
      noneCancellable: ({ event }) => event.type === 'requests.listed' && !event.requests.some((r) => r.cancellable),
      cancelOk: ({ event }) => event.type === 'request.cancelled' && event.ok,
    },
  });

  // === Action builders
  const say = (text: string) => ({ type: 'reply', params: { text } }) as const;
  /** Put a new question: it gets a fresh id, so buttons of older questions go stale. */
  const ask = (build: (ctx: ResidentContext, ev: Ev) => QuestionBody) => [
    s.assign({ question: ({ context, event }) => ({ id: context.question.id + 1, ...build(context, event) }) }),
    { type: 'reply', params: ({ context }: { context: ResidentContext }) => payload(context) } as const,
  ];
  /** Ask the current question again, optionally with a hint instead of its text. */
  const reask = (hint?: string) =>
    ({ type: 'reply', params: ({ context }: { context: ResidentContext }) => payload(context, hint) }) as const;
  const payload = (ctx: ResidentContext, text?: string): OutgoingPayload => ({
    text: text ?? ctx.question.text,
    choices: ctx.question.choices,
    questionId: ctx.question.id,
  });
  const setDescription = s.assign({
    description: ({ event, context }) => (event.type === 'answer.text' ? event.text.trim() : context.description),
    proposals: ({ event }) => deps.matchItems(textOf(event)).map((m) => m.itemCode),
  });
  const noteTruncated = s.enqueueActions(({ event, enqueue }) => {
    if (event.type === 'answer.text' && event.truncated) enqueue({ type: 'reply', params: { text: texts.truncated(MAX_TEXT) } });
  });
  const setItem = (prefix: string) =>
    s.assign({
      itemCode: ({ context, event }) => picked(event, context, prefix) ?? context.itemCode,
      classCode: ({ context, event }) => deps.item(picked(event, context, prefix) ?? '')?.classCode ?? context.classCode,
    });
  const afterField = (next: string) => [{ guard: 'editing', target: 'confirm' } as const, { target: next }];
  const fallback = { actions: reask(texts.notUnderstood) };

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
      'answer.stale': { actions: { type: 'reply', params: ({ context }) => payload(context, `${texts.stale}\n${context.question.text}`) } },
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
      idle: {
        on: {
          'answer.text': [
            { guard: 'matchesItems', target: 'confirmItem', actions: [setDescription, noteTruncated, say(texts.hello)] },
            { guard: 'greeting', target: 'describe', actions: say(texts.hello) },
            { guard: 'meaningful', target: 'describe', actions: [setDescription, noteTruncated, say(texts.hello), say(texts.descriptionNoted)] },
            { target: 'describe', actions: say(texts.hello) },
          ],
          'answer.media': [
            { guard: 'isPhoto', target: 'describe', actions: [s.assign({ attachments: ({ context, event }) => attach(context, event) }), say(texts.hello), say(texts.photoAttached)] },
            { target: 'describe', actions: say(texts.hello) },
          ],
          'answer.choice': { target: 'describe', actions: say(texts.hello) },
          'answer.location': { target: 'describe', actions: say(texts.hello) },
          'answer.contact': { target: 'describe', actions: say(texts.hello) },
          'answer.stale': { target: 'describe', actions: say(texts.hello) },
          'nav.start': { target: 'describe', actions: say(texts.hello) },
          'nav.help': { target: 'describe', actions: say(texts.hello) },
          'nav.back': { target: 'describe', actions: say(texts.hello) },
          'nav.cancel': { actions: say(texts.nothingToCancel) },
          'nav.mine': 'listing',
        },
      },
      describe: {
        entry: ask(() => describeQuestion(deps, texts.describeAgain)),
        on: {
          'answer.text': [
            { guard: { type: 'picked', params: { prefix: 'class:' } }, target: 'pickItem', actions: s.assign({ classCode: ({ context, event }) => picked(event, context, 'class:') }) },
            { guard: { type: 'picked', params: { prefix: CHOICE.mine } }, target: 'listing' },
            { guard: 'matchesItems', target: 'confirmItem', actions: [setDescription, noteTruncated] },
            { guard: 'meaningful', actions: [setDescription, noteTruncated, reask(texts.notUnderstoodDescription)] },
            { actions: reask(texts.emptyDescription) },
          ],
          'answer.choice': [
            { guard: { type: 'picked', params: { prefix: 'class:' } }, target: 'pickItem', actions: s.assign({ classCode: ({ context, event }) => picked(event, context, 'class:') }) },
            { guard: { type: 'picked', params: { prefix: CHOICE.mine } }, target: 'listing' },
            fallback,
          ],
          'answer.media': {
            guard: 'isPhoto',
            actions: [s.assign({ attachments: ({ context, event }) => attach(context, event) }), reask(`${texts.photoAttached}\n${texts.emptyDescription}`)],
          },
          'nav.mine': { guard: ({ context }) => context.description === null, target: 'listing' },
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
            { guard: { type: 'picked', params: { prefix: 'community:' } }, target: 'afterCommunity', actions: s.assign({ communityCode: ({ context, event }) => picked(event, context, 'community:') }) },
            { guard: 'oneCommunity', target: 'afterCommunity', actions: s.assign({ communityCode: ({ event }) => deps.matchCommunities(textOf(event))[0]?.code ?? null }) },
            {
              guard: 'severalCommunities',
              actions: [
                s.assign({ communityOptions: ({ event }) => deps.matchCommunities(textOf(event)).slice(0, 9).map((c) => c.code) }),
                ...ask((ctx) => communityQuestion(ctx, deps, texts.communitySeveral)),
              ],
            },
            { actions: ask((ctx, ev) => communityQuestion(ctx, deps, texts.communityNotFound(normalizeText(textOf(ev)).slice(0, 20)))) },
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
            { guard: { type: 'picked', params: { prefix: 'when:' } }, target: 'confirm', actions: s.assign({ wantedTime: ({ context, event }) => picked(event, context, 'when:') }) },
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
          'answer.text': [
            { guard: { type: 'said', params: { words: YES_WORDS } }, target: 'submitting' },
            ...confirmEdits,
            fallback,
          ],
          'answer.choice': [...confirmEdits, fallback],
          'nav.back': 'when',
        },
      },
      editDescription: {
        entry: ask(() => ({ text: texts.askDescriptionEdit, choices: [], help: texts.describeHelp })),
        on: {
          'answer.text': [{ guard: 'meaningful', target: 'confirm', actions: [s.assign({ description: ({ event }) => textOf(event).trim() }), noteTruncated] }, { actions: reask(texts.emptyDescription) }],
          'nav.back': 'confirm',
        },
      },
      submitting: {
        entry: { type: 'createRequest', params: ({ context }) => draftOf(context) },
        on: {
          'request.created': { target: 'submitted', actions: [s.assign({ ticket: ({ event }) => (event.type === 'request.created' ? event.ticket : null) }), { type: 'reply', params: ({ context }) => ({ text: texts.submitted(context.ticket ?? '', context.urgent) }) }] },
        },
      },
      submitted: { type: 'final' },
      cancelled: { type: 'final' },
      listing: {
        entry: 'listRequests',
        on: {
          'requests.listed': [
            { guard: 'noRequests', target: 'finished', actions: say(texts.noRequests) },
            { guard: 'noneCancellable', target: 'finished', actions: { type: 'reply', params: ({ event }) => ({ text: `${texts.requestList(event.type === 'requests.listed' ? event.requests : [])}\n${texts.requestListDone}` }) } },
            { target: 'myRequests', actions: s.assign({ requests: ({ event }) => (event.type === 'requests.listed' ? event.requests : []) }) },
          ],
        },
      },
      myRequests: {
        entry: ask((ctx) => requestListQuestion(ctx)),
        on: {
          'answer.text': [
            { guard: { type: 'picked', params: { prefix: 'cancel:' } }, target: 'confirmCancel', actions: s.assign({ cancelTicket: ({ context, event }) => picked(event, context, 'cancel:') }) },
            { guard: { type: 'picked', params: { prefix: CHOICE.keep } }, target: 'finished', actions: say(texts.requestKept) },
            fallback,
          ],
          'answer.choice': [
            { guard: { type: 'picked', params: { prefix: 'cancel:' } }, target: 'confirmCancel', actions: s.assign({ cancelTicket: ({ context, event }) => picked(event, context, 'cancel:') }) },
            { guard: { type: 'picked', params: { prefix: CHOICE.keep } }, target: 'finished', actions: say(texts.requestKept) },
            fallback,
          ],
          'nav.back': { target: 'finished', actions: say(texts.requestKept) },
        },
      },
      confirmCancel: {
        entry: ask((ctx) => confirmCancelQuestion(ctx)),
        on: {
          'answer.text': [
            { guard: { type: 'picked', params: { prefix: CHOICE.yes } }, target: 'cancellingRequest' },
            { guard: { type: 'said', params: { words: YES_WORDS } }, target: 'cancellingRequest' },
            { guard: { type: 'picked', params: { prefix: CHOICE.no } }, target: 'finished', actions: say(texts.requestKept) },
            { guard: { type: 'said', params: { words: NO_WORDS } }, target: 'finished', actions: say(texts.requestKept) },
            fallback,
          ],
          'answer.choice': [
            { guard: { type: 'picked', params: { prefix: CHOICE.yes } }, target: 'cancellingRequest' },
            { guard: { type: 'picked', params: { prefix: CHOICE.no } }, target: 'finished', actions: say(texts.requestKept) },
            fallback,
          ],
          'nav.back': 'myRequests',
        },
      },
      cancellingRequest: {
        entry: { type: 'cancelRequest', params: ({ context }) => ({ ticket: context.cancelTicket ?? '' }) },
        on: {
          'request.cancelled': [
            { guard: 'cancelOk', target: 'finished', actions: { type: 'reply', params: ({ event }) => ({ text: texts.requestCancelled(event.type === 'request.cancelled' ? event.ticket : '') }) } },
            { target: 'finished', actions: { type: 'reply', params: ({ event }) => ({ text: texts.requestNotCancellable(event.type === 'request.cancelled' ? event.ticket : '') }) } },
          ],
        },
      },
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

function draftOf(ctx: ResidentContext): RequestDraft {
  return {
    classCode: ctx.classCode ?? '',
    itemCode: ctx.itemCode ?? '',
    communityCode: ctx.communityCode ?? '',
    description: ctx.description ?? '',
    address: ctx.address ?? '',
    phone: ctx.phone ?? '',
    wantedTime: ctx.wantedTime ?? '',
    urgent: ctx.urgent,
    emergencyWords: ctx.emergencyWords,
    attachments: ctx.attachments,
  };
}

export type ResidentMachine = ReturnType<typeof createResidentMachine>;
