import { texts } from '../src/texts/resident.js';
import { isYes, placeOf } from './common/answers.js';
import { NO_WORDS, YES_WORDS, normalizeText } from './common/choice.js';
import { isWord, picked, textOf } from './common/guards.js';
import { chosenPlace, nextPlace, noPlace, placeUp } from './common/places.js';
import { unlessEditing } from './common/navigation.js';
import { type QuestionBody, reask, say } from './common/question.js';
import { and } from 'xstate';
import { readPhone } from './common/phone.js';
import { MAX_COMMUNITY_CHOICES } from './common/places.js';
import {
  addressQuestion,
  CHOICE,
  communityQuestion,
  shownPage,
  confirmItemQuestion,
  describeQuestion,
  phoneQuestion,
  pickItemQuestion,
  wayQuestion,
  whenQuestion,
} from './resident.questions.js';
import { itemChoices } from './resident.items.js';
import { homeVisit, type ResidentKit } from './resident.setup.js';

// === The intake steps: what is wrong (words or lists), then community, address, phone and time

/**
 * The states from `describe` to `when`; each answer leads to the next step, or back to `confirm`
 * while a field is being changed from there.
 */
export function intakeStates({
  s,
  deps,
  ask,
  fallback,
  emergencyFirst,
  emergencyItemFirst,
  emergencyItemLater,
  setDescription,
  notePending,
  noteTruncated,
  attachPhoto,
}: ResidentKit) {
  const orConfirm = unlessEditing('confirm');
  const pick = (prefix: string, exact?: boolean) => ({ type: 'picked', params: exact ? { prefix, exact } : { prefix } }) as const;
  const { chooseItem, pickClass, turnPage, nameItem } = itemChoices({ s, deps });
  const openMine = { guard: pick(CHOICE.mine), target: 'listing' } as const;
  // The community question: a typed name, a choice, or a step-by-step pick (flows/common/places.ts).
  const choosePlace = {
    guard: 'placeChosen',
    target: 'afterCommunity',
    actions: s.assign({ communityCode: ({ context, event }) => chosenPlace(deps, context, event) }),
  } as const;
  const askPlace = ask((ctx) => communityQuestion(ctx, deps));
  const changePlace = { guard: 'placeChanged', actions: [s.assign(({ context, event }) => nextPlace(deps, context, event)), ...askPlace] } as const;
  const placeUpOrOut = { guard: 'pickingPlace', actions: [s.assign(({ context }) => placeUp(deps, context) ?? noPlace()), ...askPlace] } as const;
  const useKnownPhone = {
    guard: pick(CHOICE.knownPhone),
    target: 'afterPhone',
    actions: s.assign({ phone: ({ context }) => context.profile.phone, phoneOwner: null }),
  } as const;
  /** A phone read from words ("电话是138… 姓王", "打我女儿的 139…"), or from a shared contact. */
  const setPhone = s.assign(({ event }) => {
    const read = readPhone(event.type === 'answer.contact' ? event.phone : textOf(event), deps.localAreaCode);
    return read ? { phone: read.phone, phoneOwner: read.whose } : {};
  });
  /** An address typed at the community question: kept; its community derived from its place words. */
  const keepAddress = s.assign(({ event }) => {
    const address = textOf(event).trim();
    const found = deps.matchCommunities(placeOf(address));
    return {
      address,
      communityCode: found.length === 1 ? (found[0]?.code ?? null) : null,
      communityOptions: found.length > 1 ? found.slice(0, MAX_COMMUNITY_CHOICES).map((c) => c.code) : [],
    };
  });

  /**
   * The last question before the summary: a visit time (`when:`) or how to answer (`way:`). Only a
   * number or a whole label picks a choice ("明天下午" is kept as said); a yes means the first
   * choice (尽快, 电话答复), never a time of its own.
   */
  const timeStep = (prefix: string, question: () => QuestionBody, yesValue: string) =>
    s.createStateConfig({
      entry: ask(() => question()),
      on: {
        'answer.text': [
          // An emergency said here: as soon as possible, straight to the summary (an urgent one is the request now).
          emergencyItemLater('confirm'),
          { guard: 'emergencyText', target: 'confirm', actions: s.assign({ wantedTime: texts.whenChoices[0] }) },
          { guard: pick(prefix, true), target: 'confirm', actions: s.assign({ wantedTime: ({ context, event }) => picked(event, context, prefix, true) }) },
          { guard: 'yes', target: 'confirm', actions: s.assign({ wantedTime: yesValue }) },
          { guard: 'freeTime', target: 'confirm', actions: s.assign({ wantedTime: ({ event }) => normalizeText(textOf(event)) }) },
          fallback,
        ],
        'answer.choice': [
          { guard: pick(prefix), target: 'confirm', actions: s.assign({ wantedTime: ({ context, event }) => picked(event, context, prefix) }) },
          fallback,
        ],
        'nav.back': orConfirm('phone'),
      },
    });

  return {
    describe: s.createStateConfig({
      entry: ask((ctx) =>
        describeQuestion(
          deps,
          ctx.description !== null && !ctx.editing ? texts.notUnderstoodDescription : texts.describeAgain,
          ctx.description === null && ctx.itemCode === null && !ctx.editing,
        ),
      ),
      on: {
        'answer.text': [
          emergencyItemFirst,
          // A class by number or its whole name (修东西); named inside a longer text, the items come first.
          { ...pickClass, guard: pick('class:', true) },
          openMine,
          { guard: 'greeting', actions: reask(texts.describeAgain) },
          { guard: 'asksWho', actions: [say(texts.whoWeAre), reask(texts.describeAgain)] },
          { guard: 'wantsSecondOpinion', target: 'classifying', actions: [setDescription, notePending, noteTruncated] },
          { guard: 'matchesItems', target: 'confirmItem', actions: [setDescription, notePending, noteTruncated] },
          pickClass,
          { guard: 'meaningful', actions: [setDescription, noteTruncated, reask(texts.notUnderstoodDescription)] },
          { actions: reask(texts.emptyDescription) },
        ],
        'answer.choice': [pickClass, openMine, fallback],
        'answer.media': { guard: 'isPhoto', actions: [attachPhoto, reask(`${texts.photoAttached}\n${texts.emptyDescription}`)] },
        'nav.mine': [{ guard: 'notStarted', target: 'listing' }, { actions: [say(texts.mineDuringIntake), reask()] }],
        'nav.back': [{ guard: 'editing', target: 'confirm' }, { actions: [say(texts.firstStep), reask()] }],
      },
    }),
    pickItem: s.createStateConfig({
      entry: ask((ctx) => pickItemQuestion(ctx, deps)),
      on: {
        'answer.text': [
          emergencyItemFirst,
          chooseItem,
          turnPage,
          nameItem,
          { guard: 'matchesItems', target: 'confirmItem', actions: [setDescription, notePending, noteTruncated] },
          fallback,
        ],
        'answer.choice': [chooseItem, turnPage, fallback],
        // 返回 on a later page shows the page before; on the first, the classes.
        'nav.back': [
          {
            guard: ({ context }) => shownPage(context, deps) > 0,
            target: 'pickItem',
            reenter: true,
            actions: s.assign({ itemPage: ({ context }) => shownPage(context, deps) - 1 }),
          },
          { target: 'describe' },
        ],
      },
    }),
    confirmItem: s.createStateConfig({
      entry: ask((ctx) => confirmItemQuestion(ctx, deps)),
      on: {
        'answer.text': [
          emergencyItemFirst,
          chooseItem,
          { guard: pick(CHOICE.none), target: 'describe' },
          // "是的" confirms a single proposal; with several it does not say which one.
          {
            guard: ({ context, event }) => context.proposals.length > 1 && (isWord(event, YES_WORDS) || isYes(textOf(event))),
            actions: reask(texts.chooseOneItem),
          },
          {
            guard: 'yes',
            target: 'afterItem',
            actions: s.assign({
              itemCode: ({ context }) => context.proposals[0] ?? null,
              classCode: ({ context }) => deps.item(context.proposals[0] ?? '')?.classCode ?? null,
            }),
          },
          { guard: { type: 'said', params: { words: NO_WORDS } }, target: 'describe' },
          { guard: 'matchesItems', target: 'confirmItem', reenter: true, actions: [setDescription, notePending, noteTruncated] },
          fallback,
        ],
        'answer.choice': [chooseItem, { guard: pick(CHOICE.none), target: 'describe' }, fallback],
        'nav.back': 'describe',
      },
    }),
    // Changing the item from the summary, or a further problem of the first message: community,
    // address and phone are known, only the time (or way) may need asking again.
    afterItem: s.createStateConfig({
      always: [{ guard: 'editing', target: 'afterPhone' }, { guard: 'detailsKnown', target: 'afterPhone' }, { target: 'community' }],
    }),
    community: s.createStateConfig({
      entry: ask((ctx) => communityQuestion(ctx, deps)),
      exit: s.assign(noPlace()),
      on: {
        'answer.text': [
          emergencyItemLater(),
          emergencyFirst,
          { guard: 'addressTyped', target: 'addressGiven', actions: keepAddress },
          // 好的 / 嗯 / 对: the community used last time, when it is offered; else a hint, never a place name.
          {
            guard: and(['yes', 'knownCommunity', 'choosingFirst']),
            target: 'afterCommunity',
            actions: s.assign({ communityCode: ({ context }) => context.profile.lastCommunityCode }),
          },
          { guard: 'yes', actions: reask(texts.communityNotYes) },
          choosePlace,
          changePlace,
          fallback,
        ],
        'answer.choice': [choosePlace, changePlace, fallback],
        'nav.back': [placeUpOrOut, { guard: 'editing', target: 'confirm' }, { guard: 'cameViaProposals', target: 'confirmItem' }, { target: 'pickItem' }],
      },
    }),
    // An address typed at the community question: its community found, or asked once more.
    addressGiven: s.createStateConfig({
      always: [
        { guard: 'hasCommunity', target: 'afterAddress' },
        { target: 'community', actions: { type: 'reply', params: ({ context }) => ({ text: texts.addressKept(context.address ?? '') }) } },
      ],
    }),
    afterCommunity: s.createStateConfig({
      always: [{ guard: 'editing', target: 'confirm' }, { guard: 'hasAddress', target: 'afterAddress' }, { target: 'address' }],
    }),
    address: s.createStateConfig({
      entry: ask(() => addressQuestion()),
      on: {
        'answer.text': [
          emergencyItemLater(),
          emergencyFirst,
          { guard: 'yes', actions: reask(texts.addressNotYes) },
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
        'nav.back': orConfirm('community'),
      },
    }),
    afterAddress: { always: orConfirm('phone') },
    phone: s.createStateConfig({
      entry: ask((ctx) => phoneQuestion(ctx, homeVisit(deps, ctx) ? undefined : ctx.profile.phone ? texts.askPhoneKnownAdvice : texts.askPhoneAdvice)),
      on: {
        'answer.text': [
          emergencyItemLater(),
          emergencyFirst,
          useKnownPhone,
          { guard: 'validPhone', target: 'afterPhone', actions: setPhone },
          // "好的" to the number on file takes it; "不用"/"不要" asks for another.
          { guard: and(['yes', 'knownPhone']), target: 'afterPhone', actions: s.assign({ phone: ({ context }) => context.profile.phone, phoneOwner: null }) },
          {
            guard: and([{ type: 'said', params: { words: [...NO_WORDS, '不用了', '不要了', '换一个', '换个号码'] } }, 'knownPhone']),
            actions: reask(texts.askNewPhone),
          },
          { actions: reask(texts.phoneInvalid) },
        ],
        'answer.choice': [useKnownPhone, fallback],
        'answer.contact': [{ guard: 'validPhone', target: 'afterPhone', actions: setPhone }, { actions: reask(texts.phoneInvalid) }],
        'nav.back': orConfirm('address'),
      },
    }),
    // Urgent: as soon as possible, never "when shall we come". Advice (policy, disputes): how to answer.
    afterPhone: s.createStateConfig({
      always: [
        { guard: 'timeFits', target: 'confirm' },
        { guard: 'urgent', target: 'confirm', actions: s.assign({ wantedTime: texts.whenChoices[0] }) },
        { guard: 'adviceClass', target: 'way' },
        { target: 'when' },
      ],
    }),
    when: timeStep('when:', whenQuestion, texts.whenChoices[0]),
    way: timeStep('way:', wayQuestion, texts.wayChoices[0]),
  };
}

function locationLabel(e: { latitude: number; longitude: number; label: string | null }): string {
  return e.label ?? `位置 ${e.latitude.toFixed(5)},${e.longitude.toFixed(5)}`;
}
