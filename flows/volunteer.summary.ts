import { volunteerTexts as t } from '../src/texts/volunteer.js';
import { draftOf, summaryQuestion } from './volunteer.questions.js';
import type { VolunteerKit } from './volunteer.setup.js';
import type { VolunteerStatus } from './volunteer.types.js';

// === The summary: submit, or change one field and come back; then the registration is stored

/** What the person is told of a registration in this status. */
export function statusText(status: VolunteerStatus, name: string, hotline: string): string {
  if (status === 'approved') return t.statusApproved(name);
  if (status === 'rejected') return t.statusRejected(name, hotline);
  return t.statusPending(name);
}

/** The states `summary`, `submitting` and `submitted`. */
export function summaryStates({ s, deps, ask, fallback, pick }: VolunteerKit) {
  const edit = (field: 'name' | 'phone' | 'party' | 'skills' | 'community' | 'availability') =>
    ({ guard: pick(`edit:${field}`), target: field, actions: s.assign({ editing: true }) }) as const;
  const edits = [
    { guard: pick('edit:submit'), target: 'submitting' },
    edit('name'),
    edit('phone'),
    edit('party'),
    edit('skills'),
    edit('community'),
    edit('availability'),
  ] as const;

  return {
    summary: s.createStateConfig({
      entry: [s.assign({ editing: false }), ...ask((ctx) => summaryQuestion(ctx, deps))],
      on: {
        'answer.text': [{ guard: 'yes', target: 'submitting' }, ...edits, fallback],
        'answer.choice': [...edits, fallback],
        'nav.back': 'availability',
      },
    }),
    submitting: s.createStateConfig({
      entry: { type: 'registerVolunteer', params: ({ context }) => draftOf(context) },
      on: {
        'volunteer.registered': {
          target: 'submitted',
          actions: {
            type: 'reply',
            params: ({ context, event }) => ({
              text: event.status === 'pending' ? t.submitted : statusText(event.status, context.name ?? '', deps.hotlinePhone),
            }),
          },
        },
      },
    }),
    submitted: { type: 'final' },
  } as const;
}
