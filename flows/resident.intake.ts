import { texts } from '../src/texts/resident.js';
import { NO_WORDS, YES_WORDS, normalizeText } from './common/choice.js';
import { isWord, picked, textOf } from './common/guards.js';
import { chosenPlace, nextPlace, noPlace, placeUp } from './common/places.js';
import { unlessEditing } from './common/navigation.js';
import { reask, say } from './common/question.js';
import { normalizePhone } from './common/validate.js';
import {
  addressQuestion,
  CHOICE,
  communityQuestion,
  confirmItemQuestion,
  describeQuestion,
  phoneQuestion,
  pickItemQuestion,
  whenQuestion,
} from './resident.questions.js';
import type { ResidentKit } from './resident.setup.js';

// === The intake steps: what is wrong (words or lists), then community, address, phone and time

/**
 * The states from `describe` to `when`; each answer leads to the next step, or back to `confirm`
 * while a field is being changed from there.
 */
export function intakeStates({ s, deps, ask, fallback, emergencyFirst, setDescription, noteTruncated, attachPhoto }: ResidentKit) {
  const orConfirm = unlessEditing('confirm');
  const pick = (prefix: string, exact?: boolean) => ({ type: 'picked', params: exact ? { prefix, exact } : { prefix } }) as const;
  const setItem = s.assign({
    itemCode: ({ context, event }) => picked(event, context, 'item:') ?? context.itemCode,
    classCode: ({ context, event }) => deps.item(picked(event, context, 'item:') ?? '')?.classCode ?? context.classCode,
  });
  const chooseItem = { guard: pick('item:'), target: 'afterItem', actions: setItem } as const;
  /** A class picked from the list: the item now comes from that class, not from the proposals. */
  const pickClass = {
    guard: pick('class:'),
    target: 'pickItem',
    actions: s.assign({ classCode: ({ context, event }) => picked(event, context, 'class:'), proposals: [] }),
  } as const;
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
  const useKnownPhone = { guard: pick(CHOICE.knownPhone), target: 'afterPhone', actions: s.assign({ phone: ({ context }) => context.profile.phone }) } as const;

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
          pickClass,
          openMine,
          { guard: 'matchesItems', target: 'confirmItem', actions: [setDescription, noteTruncated] },
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
        'answer.text': [chooseItem, { guard: 'matchesItems', target: 'confirmItem', actions: [setDescription, noteTruncated] }, fallback],
        'answer.choice': [chooseItem, fallback],
        'nav.back': 'describe',
      },
    }),
    confirmItem: s.createStateConfig({
      entry: ask((ctx) => confirmItemQuestion(ctx, deps)),
      on: {
        'answer.text': [
          chooseItem,
          { guard: pick(CHOICE.none), target: 'describe' },
          // "是的" confirms a single proposal; with several it does not say which one.
          { guard: ({ context, event }) => context.proposals.length > 1 && isWord(event, YES_WORDS), actions: reask(texts.chooseOneItem) },
          {
            guard: { type: 'said', params: { words: YES_WORDS } },
            target: 'afterItem',
            actions: s.assign({
              itemCode: ({ context }) => context.proposals[0] ?? null,
              classCode: ({ context }) => deps.item(context.proposals[0] ?? '')?.classCode ?? null,
            }),
          },
          { guard: { type: 'said', params: { words: NO_WORDS } }, target: 'describe' },
          { guard: 'matchesItems', target: 'confirmItem', reenter: true, actions: [setDescription, noteTruncated] },
          fallback,
        ],
        'answer.choice': [chooseItem, { guard: pick(CHOICE.none), target: 'describe' }, fallback],
        'nav.back': 'describe',
      },
    }),
    afterItem: { always: orConfirm('community') },
    community: s.createStateConfig({
      entry: ask((ctx) => communityQuestion(ctx, deps)),
      exit: s.assign(noPlace()),
      on: {
        'answer.text': [emergencyFirst, choosePlace, changePlace, fallback],
        'answer.choice': [choosePlace, changePlace, fallback],
        'nav.back': [placeUpOrOut, { guard: 'editing', target: 'confirm' }, { guard: 'cameViaProposals', target: 'confirmItem' }, { target: 'pickItem' }],
      },
    }),
    afterCommunity: { always: orConfirm('address') },
    address: s.createStateConfig({
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
        'nav.back': orConfirm('community'),
      },
    }),
    afterAddress: { always: orConfirm('phone') },
    phone: s.createStateConfig({
      entry: ask((ctx) => phoneQuestion(ctx)),
      on: {
        'answer.text': [
          emergencyFirst,
          useKnownPhone,
          { guard: 'validPhone', target: 'afterPhone', actions: s.assign({ phone: ({ event }) => normalizePhone(textOf(event)) }) },
          { actions: reask(texts.phoneInvalid) },
        ],
        'answer.choice': [useKnownPhone, fallback],
        'answer.contact': [
          {
            guard: 'validPhone',
            target: 'afterPhone',
            actions: s.assign({ phone: ({ event }) => (event.type === 'answer.contact' ? normalizePhone(event.phone) : null) }),
          },
          { actions: reask(texts.phoneInvalid) },
        ],
        'nav.back': orConfirm('address'),
      },
    }),
    afterPhone: { always: orConfirm('when') },
    when: s.createStateConfig({
      entry: ask(() => whenQuestion()),
      on: {
        'answer.text': [
          emergencyFirst,
          // Only a number or a whole label picks a choice: "明天下午" is kept as said.
          { guard: pick('when:', true), target: 'confirm', actions: s.assign({ wantedTime: ({ context, event }) => picked(event, context, 'when:', true) }) },
          { guard: 'freeTime', target: 'confirm', actions: s.assign({ wantedTime: ({ event }) => normalizeText(textOf(event)) }) },
          fallback,
        ],
        'answer.choice': [
          { guard: pick('when:'), target: 'confirm', actions: s.assign({ wantedTime: ({ context, event }) => picked(event, context, 'when:') }) },
          fallback,
        ],
        'nav.back': orConfirm('phone'),
      },
    }),
  };
}

function locationLabel(e: { latitude: number; longitude: number; label: string | null }): string {
  return e.label ?? `位置 ${e.latitude.toFixed(5)},${e.longitude.toFixed(5)}`;
}
