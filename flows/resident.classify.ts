import type { ResidentKit } from './resident.setup.js';

// === A second opinion on words the rules are unsure of: asked of the runtime, answered in the same turn

/**
 * `classifying`: entered with the description set, it asks the runtime to `classify` the words; the
 * answer (`classifier.suggested`) leads to the proposals, or to the classes when nothing fits.
 */
export function classifyStates({ s, deps, setDescription, notePending, noteTruncated, emergencyItemFirst }: ResidentKit) {
  /** The suggested codes the catalogue knows, in their order. */
  const known = (codes: readonly string[]) => codes.filter((code) => deps.item(code) !== undefined);
  const suggested = (event: { type: string; itemCodes?: string[] }) => (event.type === 'classifier.suggested' ? known(event.itemCodes ?? []) : []);

  return {
    classifying: s.createStateConfig({
      entry: { type: 'classify', params: ({ context }) => ({ text: context.description ?? '' }) },
      on: {
        'classifier.suggested': [
          {
            guard: ({ event }) => suggested(event).length > 0,
            target: 'confirmItem',
            actions: s.assign({ proposals: ({ event }) => suggested(event) }),
          },
          { target: 'describe', actions: s.assign({ proposals: [] }) },
        ],
        // Reached only if the runtime gave no answer: the next words are read as at `describe`.
        'answer.text': [
          emergencyItemFirst,
          { guard: 'wantsSecondOpinion', target: 'classifying', reenter: true, actions: [setDescription, notePending, noteTruncated] },
          { guard: 'matchesItems', target: 'confirmItem', actions: [setDescription, notePending, noteTruncated] },
          { guard: 'meaningful', target: 'describe', actions: [setDescription, notePending, noteTruncated] },
          { target: 'describe' },
        ],
        'answer.choice': 'describe',
        'nav.back': 'describe',
      },
    }),
  };
}
