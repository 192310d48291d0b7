import { setup } from 'xstate';
import type { OutgoingPayload } from '../src/core/message.js';
import { texts } from '../src/texts/resident.js';
import { isYes, looksLikeAddress } from './common/answers.js';
import { normalizeText } from './common/choice.js';
import { contentGuards, isWord, picked, textOf } from './common/guards.js';
import { placeGuards } from './common/places.js';
import { MAX_TEXT } from './common/input.js';
import { fallback, questionAsker, reask } from './common/question.js';
import { readPhone } from './common/phone.js';
import { splitProblems } from './common/problems.js';
import { asksWhoWeAre, isGreeting } from './common/small-talk.js';
import { isMeaningful, meaningfulLength } from './common/validate.js';
import { type EditField, readEdit } from './resident.edits.js';
import type { RequestDraft, ResidentContext, ResidentEvent, ResidentFlowDeps, ResidentProfile } from './resident.types.js';

// === The resident flow's typed setup: its actions, guards and the action builders its states share

/** At most this many further problems of one message are filed after the first. */
const MAX_PENDING = 4;

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
      /** Ask for a second opinion on the words; the runtime answers with `classifier.suggested`. */
      classify: (_, _params: { text: string }) => {},
    },
    guards: {
      ...contentGuards,
      picked: ({ context, event }, p: { prefix: string; exact?: boolean }) => picked(event, context, p.prefix, p.exact) !== null,
      said: ({ event }, p: { words: string[] }) => isWord(event, p.words),
      matchesItems: ({ event }) => deps.matchItems(textOf(event)).length > 0,
      /** Only a greeting or a call for help that says not what about (在吗, 你好 在不在, 我要求助). */
      greeting: ({ event }) => event.type === 'answer.text' && isGreeting(event.text),
      /** 你是谁, 你们是干什么的, 这是哪里. */
      asksWho: ({ event }) => event.type === 'answer.text' && asksWhoWeAre(event.text),
      /** Words the rules are unsure of, a second opinion is available, and no emergency waits for it. */
      wantsSecondOpinion: ({ event }) =>
        event.type === 'answer.text' &&
        event.emergency !== true &&
        deps.secondOpinion !== undefined &&
        isMeaningful(event.text) &&
        !isGreeting(event.text) &&
        !asksWhoWeAre(event.text) &&
        deps.secondOpinion(event.text),
      /** Text that raised an emergency (urgent or watch): at a step asking for data, it is not taken as the answer. */
      emergencyText: ({ event }) => event.type === 'answer.text' && event.emergency === true,
      /** Text that raised an urgent emergency while the item is being chosen, and the catalogue has an emergency item. */
      urgentEmergency: ({ context, event }) =>
        event.type === 'answer.text' &&
        event.emergency === true &&
        context.urgent &&
        deps.emergencyItem !== null &&
        deps.item(deps.emergencyItem) !== undefined,
      /** An urgent emergency after another item was chosen (at the community, address, phone, time or summary). */
      urgentAfterItem: ({ context, event }) =>
        event.type === 'answer.text' &&
        event.emergency === true &&
        context.urgent &&
        context.itemCode !== null &&
        deps.emergencyItem !== null &&
        context.itemCode !== deps.emergencyItem &&
        deps.item(deps.emergencyItem) !== undefined,
      editing: ({ context }) => context.editing,
      /** Nothing of a request gathered yet: "my requests" may be opened without losing anything. */
      notStarted: ({ context }) => context.description === null && context.itemCode === null && !context.editing,
      cameViaProposals: ({ context }) => context.proposals.length > 0,
      validPhone: ({ event }) => readPhone(event.type === 'answer.contact' ? event.phone : textOf(event), deps.localAreaCode) !== null,
      /** The whole text only says yes (好的, 嗯嗯, 可以的). */
      yes: ({ event }) => event.type === 'answer.text' && isYes(event.text),
      knownPhone: ({ context }) => context.profile.phone !== null,
      /** The community used last time still exists: it is the first choice of the community question. */
      /** The community question's first screen: not browsing the pick, no closest matches on offer. */
      choosingFirst: ({ context }) => context.placeArea === null && context.communityOptions.length === 0,
      knownCommunity: ({ context }) => context.profile.lastCommunityCode !== null && deps.community(context.profile.lastCommunityCode) !== undefined,
      /** An address typed where the community is asked (文昌小区3幢2单元501). */
      addressTyped: ({ event }) => event.type === 'answer.text' && event.emergency !== true && looksLikeAddress(event.text),
      hasAddress: ({ context }) => context.address !== null,
      hasCommunity: ({ context }) => context.communityCode !== null,
      /** Community, address and phone known: a further problem goes straight to its time and summary. */
      detailsKnown: ({ context }) => context.communityCode !== null && context.address !== null && context.phone !== null,
      urgent: ({ context }) => context.urgent,
      /** The item's class is answered by advice (policy, disputes): ask how, not when. */
      adviceClass: ({ context }) => !homeVisit(deps, context),
      /** The time or way already given fits the item's class (a visit time for a visit, a way for advice). */
      timeFits: ({ context }) =>
        context.wantedTime !== null && (texts.wayChoices as readonly string[]).includes(context.wantedTime) !== homeVisit(deps, context),
      singleProposal: ({ event }) => deps.matchItems(textOf(event)).length === 1,
      hasPending: ({ context }) => context.pending.length > 0,
      /** A request was already filed in this conversation (the first of several problems). */
      filedBefore: ({ context }) => context.ticket !== null,
      hasProposals: ({ context }) => context.proposals.length > 0,
      /** Words at the summary naming a field; with `value`, they also give its new value. */
      typedEdit: ({ event }, p: { field: EditField; value: boolean }) => {
        const edit = readEdit(textOf(event), deps.localAreaCode);
        return edit?.field === p.field && (edit.value !== null) === p.value;
      },
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

  /** The words of the (first) problem and the items proposed for them; further problems wait in `pending`. */
  const setDescription = s.assign(({ event, context }) => {
    if (event.type !== 'answer.text') return {};
    const [first = '', ...more] = splitProblems(event.text.trim(), deps.matchItems);
    return {
      description: first,
      proposals: deps.matchItems(first).map((m) => m.itemCode),
      pending: [...new Set([...more, ...context.pending])].slice(0, MAX_PENDING),
    };
  });
  /**
   * After an emergency the request is the emergency item (紧急求助), the words its description, whatever
   * else they sound like ("起火了 下水道的水都漫出来了" is not a 管道疏通 ticket); it stays the one proposal,
   * so 返回 and 都不是 still lead to another item.
   */
  const takeEmergencyItem = s.assign(({ event }) => {
    const code = deps.emergencyItem ?? '';
    return {
      description: textOf(event).trim(),
      itemCode: code,
      classCode: deps.item(code)?.classCode ?? null,
      proposals: [code],
    };
  });
  /** Tell the person that the other problems of the message are filed next. */
  const notePending = s.enqueueActions(({ event, enqueue }) => {
    const [, ...more] = event.type === 'answer.text' ? splitProblems(event.text.trim(), deps.matchItems) : [];
    if (more.length > 0) enqueue({ type: 'reply', params: { text: texts.morePending(more.slice(0, MAX_PENDING)) } });
  });
  /** Tell the person a long text was cut. */
  const noteTruncated = s.enqueueActions(({ event, enqueue }) => {
    if (event.type === 'answer.text' && event.truncated) enqueue({ type: 'reply', params: { text: texts.truncated(MAX_TEXT) } });
  });
  /** Keep a photo's reference with the request (the last ten). */
  const attachPhoto = s.assign({
    attachments: ({ context, event }) => (event.type === 'answer.media' && event.ref ? [...context.attachments, event.ref].slice(-10) : context.attachments),
  });

  /** At the steps choosing the item: an urgent emergency takes the emergency item at once. */
  const emergencyItemFirst = { guard: 'urgentEmergency', target: 'afterItem', actions: [takeEmergencyItem, noteTruncated] } as const;

  /** The problem chosen before an emergency: its words, or its item's name when it was picked from the lists. */
  const earlierProblem = (context: ResidentContext) => context.description ?? deps.item(context.itemCode ?? '')?.name ?? '';
  /**
   * An urgent emergency after another item was chosen: the request is the emergency item now (as soon as
   * possible), and the problem chosen before is filed next, like a further problem of the first message.
   */
  const takeEmergencyItemLater = [
    { type: 'reply', params: ({ context }: { context: ResidentContext }) => ({ text: texts.emergencyFiledFirst(earlierProblem(context)) }) },
    s.assign(({ context, event }) => {
      const code = deps.emergencyItem ?? '';
      const earlier = earlierProblem(context);
      return {
        description: textOf(event).trim(),
        itemCode: code,
        classCode: deps.item(code)?.classCode ?? null,
        proposals: [code],
        wantedTime: texts.whenChoices[0],
        pending: [...new Set([...(earlier ? [earlier] : []), ...context.pending])].slice(0, MAX_PENDING),
      };
    }),
    noteTruncated,
  ] as const;
  /** At the steps after the item: an urgent emergency becomes the request, the step is asked again (`target`: go there instead). */
  const emergencyItemLater = (target?: string) =>
    target
      ? ({ guard: 'urgentAfterItem', target, reenter: true, actions: [...takeEmergencyItemLater] } as const)
      : ({ guard: 'urgentAfterItem', actions: [...takeEmergencyItemLater, reask()] } as const);

  return {
    s,
    deps,
    ask,
    fallback: notUnderstood,
    emergencyFirst,
    emergencyItemFirst,
    emergencyItemLater,
    setDescription,
    notePending,
    noteTruncated,
    attachPhoto,
  };
}

/** Whether the item's class is served by a visit (true unless the catalogue says otherwise). */
export function homeVisit(deps: ResidentFlowDeps, ctx: ResidentContext): boolean {
  return deps.classes.find((c) => c.code === ctx.classCode)?.homeVisit ?? true;
}

export type ResidentKit = ReturnType<typeof residentKit>;
