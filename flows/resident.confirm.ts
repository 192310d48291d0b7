import { texts } from '../src/texts/resident.js';
import { textOf } from './common/guards.js';
import { reask, say } from './common/question.js';
import { type EditField, readEdit } from './resident.edits.js';
import { confirmQuestion } from './resident.questions.js';
import type { ResidentKit } from './resident.setup.js';
import type { RequestDraft, ResidentContext, ResidentFlowDeps } from './resident.types.js';

// === The summary: submit, or change one field and come back; then the request is stored

/** The states `confirm`, `editDescription`, `submitting` and `submitted`. */
export function confirmStates({ s, deps, ask, fallback, emergencyFirst, emergencyItemLater, noteTruncated, attachPhoto }: ResidentKit) {
  /** The field and value typed at the summary ("电话改成138…"), read again in the action that applies it. */
  const typed = (event: { type: string }) => readEdit(textOf(event), deps.localAreaCode);
  const typedField = (field: EditField, target: string) =>
    ({ guard: { type: 'typedEdit', params: { field, value: false } }, target, actions: s.assign({ editing: true }) }) as const;
  const typedValue = (field: 'phone' | 'address' | 'when') =>
    ({
      guard: { type: 'typedEdit', params: { field, value: true } },
      target: 'confirm',
      reenter: true,
      actions: [
        s.assign(({ event }) => {
          const edit = typed(event);
          if (edit?.field === 'phone' && edit.value) return { phone: edit.value.phone, phoneOwner: edit.value.whose };
          if (edit?.field === 'address' && edit.value) return { address: edit.value };
          if (edit?.field === 'when' && edit.value) return { wantedTime: edit.value };
          return {};
        }),
        say(texts.changed),
      ],
    }) as const;
  /** Words naming a field: with its new value it is changed at once, otherwise its step is asked. */
  const typedEdits = [
    typedValue('phone'),
    typedValue('address'),
    typedValue('when'),
    typedField('phone', 'phone'),
    typedField('address', 'address'),
    typedField('when', 'afterTimeEdit'),
    typedField('community', 'community'),
    typedField('item', 'describe'),
    { guard: { type: 'typedEdit', params: { field: 'description', value: false } }, target: 'editDescription' },
  ] as const;
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
    edit('when', 'afterTimeEdit'),
  ] as const;

  return {
    confirm: s.createStateConfig({
      entry: [s.assign({ editing: false }), ...ask((ctx) => confirmQuestion(ctx, deps))],
      on: {
        // An urgent emergency here: the request is the emergency item now, the summary shown again.
        'answer.text': [emergencyItemLater('confirm'), emergencyFirst, { guard: 'yes', target: 'submitting' }, ...edits, ...typedEdits, fallback],
        'answer.choice': [...edits, fallback],
        'nav.back': 'afterTimeEdit',
      },
    }),
    /** The time step of the item's class: a visit time, or how to answer (policy, disputes). */
    afterTimeEdit: s.createStateConfig({ always: [{ guard: 'adviceClass', target: 'way' }, { target: 'when' }] }),
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
        // Over the daily cap: nothing stored; the hotline takes it from here (the next problems too).
        'request.capped': {
          target: 'submitted',
          actions: {
            type: 'reply',
            params: ({ event }) => ({ text: texts.requestCapped(event.type === 'request.capped' ? event.perDay : 0, deps.hotlinePhone) }),
          },
        },
        'request.created': {
          target: 'afterSubmit',
          actions: [
            s.assign({ ticket: ({ event }) => (event.type === 'request.created' ? event.ticket : null) }),
            { type: 'reply', params: ({ context }) => ({ text: texts.submitted(context.ticket ?? '', context.urgent) }) },
          ],
        },
      },
    }),
    afterSubmit: s.createStateConfig({ always: [{ guard: 'hasPending', target: 'nextProblem' }, { target: 'submitted' }] }),
    // The next problem of the first message: its own item; community, address, phone and time kept.
    nextProblem: s.createStateConfig({
      entry: [
        s.assign(({ context }) => {
          const [next = '', ...rest] = context.pending;
          return {
            description: next,
            pending: rest,
            proposals: deps.matchItems(next).map((m) => m.itemCode),
            itemCode: null,
            classCode: null,
            attachments: [],
            urgent: false,
            emergencyWords: [],
          };
        }),
        { type: 'reply', params: ({ context }) => ({ text: texts.nextProblem(context.description ?? '') }) },
      ],
      always: [{ guard: 'hasProposals', target: 'confirmItem' }, { target: 'describe' }],
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
    description: (ctx.description ?? deps.item(ctx.itemCode ?? '')?.name ?? '') + (ctx.phoneOwner ? texts.phoneOwnerNote(ctx.phoneOwner) : ''),
    address: ctx.address ?? '',
    phone: ctx.phone ?? '',
    wantedTime: ctx.wantedTime ?? '',
    urgent: ctx.urgent,
    emergencyWords: ctx.emergencyWords,
    attachments: ctx.attachments,
  };
}
