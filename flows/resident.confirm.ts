import { texts } from '../src/texts/resident.js';
import { YES_WORDS } from './common/choice.js';
import { textOf } from './common/guards.js';
import { reask } from './common/question.js';
import { confirmQuestion } from './resident.questions.js';
import type { ResidentKit } from './resident.setup.js';
import type { RequestDraft, ResidentContext, ResidentFlowDeps } from './resident.types.js';

// === The summary: submit, or change one field and come back; then the request is stored

/** The states `confirm`, `editDescription`, `submitting` and `submitted`. */
export function confirmStates({ s, deps, ask, fallback, emergencyFirst, noteTruncated, attachPhoto }: ResidentKit) {
  const edit = (field: string, target: string) =>
    ({ guard: { type: 'picked', params: { prefix: `edit:${field}` } }, target, actions: s.assign({ editing: true }) }) as const;
  const edits = [
    { guard: { type: 'picked', params: { prefix: 'edit:submit' } }, target: 'submitting' },
    edit('item', 'describe'),
    // The description is typed at its own step, which always comes back here.
    { guard: { type: 'picked', params: { prefix: 'edit:description' } }, target: 'editDescription' },
    edit('community', 'community'),
    edit('address', 'address'),
    edit('phone', 'phone'),
    edit('when', 'when'),
  ] as const;

  return {
    confirm: s.createStateConfig({
      entry: [s.assign({ editing: false }), ...ask((ctx) => confirmQuestion(ctx, deps))],
      on: {
        'answer.text': [emergencyFirst, { guard: { type: 'said', params: { words: YES_WORDS } }, target: 'submitting' }, ...edits, fallback],
        'answer.choice': [...edits, fallback],
        'nav.back': 'when',
      },
    }),
    editDescription: s.createStateConfig({
      entry: ask(() => ({ text: texts.askDescriptionEdit, choices: [], help: texts.describeHelp })),
      on: {
        'answer.text': [
          { guard: 'meaningful', target: 'confirm', actions: [s.assign({ description: ({ event }) => textOf(event).trim() }), noteTruncated] },
          { actions: reask(texts.emptyDescription) },
        ],
        'answer.media': { guard: 'isPhoto', actions: [attachPhoto, reask(`${texts.photoAttached}\n${texts.askDescriptionEdit}`)] },
        'nav.back': 'confirm',
      },
    }),
    submitting: s.createStateConfig({
      entry: { type: 'createRequest', params: ({ context }) => draftOf(context, deps) },
      on: {
        'request.created': {
          target: 'submitted',
          actions: [
            s.assign({ ticket: ({ event }) => (event.type === 'request.created' ? event.ticket : null) }),
            { type: 'reply', params: ({ context }) => ({ text: texts.submitted(context.ticket ?? '', context.urgent) }) },
          ],
        },
      },
    }),
    submitted: { type: 'final' },
  } as const;
}

/** The request to store, from what was gathered. */
export function draftOf(ctx: ResidentContext, deps: ResidentFlowDeps): RequestDraft {
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
