import { and } from 'xstate';
import { volunteerTexts as t } from '../src/texts/volunteer.js';
import { textOf } from './common/guards.js';
import { payload, reask } from './common/question.js';
import { readSkills } from './volunteer.input.js';
import { skillsQuestion } from './volunteer.questions.js';
import type { VolunteerKit } from './volunteer.setup.js';
import type { VolunteerEvent } from './volunteer.types.js';

// === The skills step: classes picked one by one or typed, until "选好了"

const MAX_SKILLS = 20;

/**
 * The state `skills`: picks gather in `skillPicks` and become `skills` with "选好了" (or a typed
 * answer that ends with 好了); 返回 keeps what was picked.
 */
export function skillsState({ s, deps, ask, fallback, pick }: VolunteerKit) {
  const addPicks = (codes: (ev: VolunteerEvent) => string[]) =>
    s.assign({ skillPicks: ({ context, event }) => [...new Set([...context.skillPicks, ...codes(event)])].slice(0, MAX_SKILLS) });
  const commitSkills = s.assign({ skills: ({ context }) => context.skillPicks });
  const skillsFromText = (ev: VolunteerEvent) => readSkills(textOf(ev), deps).codes;
  const askSkillsAgain = ask((ctx, ev) => {
    const unknown = readSkills(textOf(ev), deps).unknown;
    return skillsQuestion(ctx, deps, unknown.length > 0 ? t.skillsPartlyFound(unknown) : undefined);
  });
  const skillsDone = [
    { guard: and(['wantsDone', 'hasPicks']), target: 'afterSkills', actions: commitSkills },
    { guard: 'wantsDone', actions: reask(t.skillsNoneChosen) },
  ] as const;
  const clearPicks = [s.assign({ skillPicks: [] }), ...ask((ctx) => skillsQuestion(ctx, deps, t.skillsCleared))];
  const pickClass = {
    guard: pick('skill:'),
    actions: [addPicks((ev) => (ev.type === 'answer.choice' ? [ev.id.slice('skill:'.length)] : [])), ...askSkillsAgain],
  };

  return s.createStateConfig({
    entry: [s.assign({ skillPicks: ({ context }) => context.skills }), ...ask((ctx) => skillsQuestion(ctx, deps))],
    on: {
      'answer.text': [
        ...skillsDone,
        { guard: 'wantsClear', actions: clearPicks },
        { guard: 'skillsFoundAndDone', target: 'afterSkills', actions: [addPicks(skillsFromText), commitSkills] },
        { guard: 'skillsFound', actions: [addPicks(skillsFromText), ...askSkillsAgain] },
        {
          guard: 'meaningful',
          actions: { type: 'reply', params: ({ context, event }) => payload(context, t.skillsNotFound(readSkills(textOf(event), deps).unknown)) },
        },
        fallback,
      ],
      'answer.choice': [...skillsDone, { guard: 'wantsClear', actions: clearPicks }, pickClass, fallback],
      'nav.back': [
        { guard: 'editing', target: 'summary' },
        { target: 'party', actions: commitSkills },
      ],
    },
  });
}
