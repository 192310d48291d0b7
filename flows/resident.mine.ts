import { texts } from '../src/texts/resident.js';
import { NO_WORDS, YES_WORDS } from './common/choice.js';
import { picked } from './common/guards.js';
import { say } from './common/question.js';
import { CHOICE, confirmCancelQuestion, requestListQuestion } from './resident.questions.js';
import type { ResidentKit } from './resident.setup.js';

// === "My requests": list the person's requests and cancel an open one

/**
 * The states of "my requests", to put beside the intake states; they end in the sibling state
 * `finished`. While a request is being chosen, 取消/退出 means "leave", never "cancel the request".
 */
export function myRequestsStates({ s, deps, ask, fallback }: ResidentKit) {
  const leave = { target: 'finished', actions: say(texts.requestKept) } as const;

  const listing = s.createStateConfig({
    entry: 'listRequests',
    on: {
      'requests.listed': [
        { guard: 'noRequests', target: 'finished', actions: say(texts.noRequests) },
        {
          guard: 'noneCancellable',
          target: 'finished',
          actions: {
            type: 'reply',
            params: ({ event }) => ({ text: `${texts.requestList(event.type === 'requests.listed' ? event.requests : [])}\n${texts.requestListDone}` }),
          },
        },
        { target: 'myRequests', actions: s.assign({ requests: ({ event }) => (event.type === 'requests.listed' ? event.requests : []) }) },
      ],
    },
  });

  const chooseTicket = {
    guard: { type: 'picked', params: { prefix: 'cancel:' } },
    target: 'confirmCancel',
    actions: s.assign({ cancelTicket: ({ context, event }) => picked(event, context, 'cancel:') }),
  } as const;
  const keep = { guard: { type: 'picked', params: { prefix: CHOICE.keep } }, ...leave } as const;

  const myRequests = s.createStateConfig({
    entry: ask((ctx) => requestListQuestion(ctx)),
    on: {
      'answer.text': [chooseTicket, keep, fallback],
      'answer.choice': [chooseTicket, keep, fallback],
      'nav.back': leave,
      'nav.cancel': leave,
      'nav.mine': 'listing',
    },
  });

  const yes = { guard: { type: 'picked', params: { prefix: CHOICE.yes } }, target: 'cancellingRequest' } as const;
  const no = { guard: { type: 'picked', params: { prefix: CHOICE.no } }, ...leave } as const;
  const confirmCancel = s.createStateConfig({
    entry: ask((ctx) => confirmCancelQuestion(ctx)),
    on: {
      'answer.text': [
        yes,
        { guard: { type: 'said', params: { words: YES_WORDS } }, target: 'cancellingRequest' },
        no,
        { guard: { type: 'said', params: { words: NO_WORDS } }, ...leave },
        fallback,
      ],
      'answer.choice': [yes, no, fallback],
      'nav.back': 'myRequests',
      'nav.cancel': leave,
      'nav.mine': 'listing',
    },
  });

  const cancellingRequest = s.createStateConfig({
    entry: { type: 'cancelRequest', params: ({ context }) => ({ ticket: context.cancelTicket ?? '' }) },
    on: {
      'request.cancelled': [
        {
          guard: 'cancelOk',
          target: 'finished',
          actions: { type: 'reply', params: ({ event }) => ({ text: texts.requestCancelled(event.type === 'request.cancelled' ? event.ticket : '') }) },
        },
        {
          target: 'finished',
          actions: {
            type: 'reply',
            params: ({ event }) => ({ text: texts.requestNotCancellable(event.type === 'request.cancelled' ? event.ticket : '', deps.hotlinePhone) }),
          },
        },
      ],
    },
  });

  return { listing, myRequests, confirmCancel, cancellingRequest };
}
