import { describe, expect, it } from 'vitest';
import { initialVolunteerContext } from '../../flows/volunteer.machine.js';
import {
  communityQuestion,
  draftOf,
  knownMobile,
  knownName,
  nameQuestion,
  phoneQuestion,
  SUMMARY_FIELDS,
  skillName,
  skillsQuestion,
  summaryQuestion,
  VCHOICE,
} from '../../flows/volunteer.questions.js';
import type { VolunteerContext } from '../../flows/volunteer.types.js';
import { volunteerTexts as t } from '../../src/texts/volunteer.js';
import { deps } from './volunteer.fixtures.js';
import { PLACE_CHOICE } from '../../flows/common/places.js';
import { placeTexts } from '../../src/texts/places.js';

// === The volunteer flow's questions, as pure functions of the context

const ctx = (over: Partial<VolunteerContext> = {}, profile: { displayName?: string; phone?: string | null } = {}): VolunteerContext => ({
  ...initialVolunteerContext({ profile: { displayName: profile.displayName ?? '', phone: profile.phone ?? null }, registration: null }),
  ...over,
});

describe('the volunteer flow’s questions', () => {
  it('offers the display name when it can be a name', () => {
    expect(knownName(ctx({}, { displayName: '王小明' }))).toBe('王小明');
    expect(nameQuestion(ctx({}, { displayName: '王小明' }))).toMatchObject({ text: t.askNameKnown, choices: [{ id: VCHOICE.knownName, label: '王小明' }] });
    expect(nameQuestion(ctx({}, { displayName: '' }))).toMatchObject({ text: t.askName, choices: [] });
  });

  it('offers a known mobile, masked, never a landline', () => {
    expect(knownMobile(ctx({}, { phone: '138 1234 5678' }))).toBe('13812345678');
    expect(phoneQuestion(ctx({}, { phone: '13812345678' })).choices).toEqual([{ id: VCHOICE.knownPhone, label: t.useKnownPhone('138****5678') }]);
    expect(knownMobile(ctx({}, { phone: '0573-82345678' }))).toBeNull();
    expect(phoneQuestion(ctx({}, { phone: '0573-82345678' }))).toMatchObject({ text: t.askPhone, choices: [] });
  });

  it('skills: the classes; 选好了 and 清空重选 only once something is picked; a note above', () => {
    const none = skillsQuestion(ctx(), deps);
    expect(none.text).toBe(t.askSkills);
    expect(none.choices.map((c) => c.id)).toEqual(deps.classes.map((c) => `skill:${c.code}`));
    const some = skillsQuestion(ctx({ skillPicks: ['daily-life', 'haircut'] }), deps, '注意');
    expect(some.text).toBe(`注意\n${t.skillsChosen(['生活求助类', '理发'], deps.classes.length + 1)}`);
    expect(some.choices.slice(-2).map((c) => c.id)).toEqual([VCHOICE.skillsDone, VCHOICE.skillsClear]);
    expect(skillName('unknown-code', deps)).toBe('unknown-code');
  });

  it('communities: the offered ones with a step-by-step pick, else the pick alone', () => {
    expect(communityQuestion(ctx({ communityOptions: ['community:nanhu-jianshe-ziyang'] }), deps).choices).toEqual([
      { id: 'community:nanhu-jianshe-ziyang', label: '紫阳社区' },
      { id: PLACE_CHOICE.step, label: placeTexts.stepByStep },
    ]);
    expect(communityQuestion(ctx(), deps).choices).toEqual([{ id: PLACE_CHOICE.step, label: placeTexts.stepByStep }]);
  });

  it('the summary shows every answer, and the draft is what was gathered', () => {
    const filled = ctx({
      name: '王小明',
      phone: '13812345678',
      partyMember: true,
      skills: ['daily-life'],
      communityCode: 'nanhu-jianshe-wenchang',
      availability: '周末',
    });
    const q = summaryQuestion(filled, deps);
    for (const part of ['王小明', '13812345678', '生活求助类', '文昌社区', '周末']) expect(q.text).toContain(part);
    expect(q.choices.map((c) => c.id)).toEqual(SUMMARY_FIELDS.map((f) => `edit:${f}`));
    expect(draftOf(filled)).toEqual({
      name: '王小明',
      phone: '13812345678',
      partyMember: true,
      skills: ['daily-life'],
      communityCode: 'nanhu-jianshe-wenchang',
      availability: '周末',
    });
    expect(draftOf(ctx())).toEqual({ name: '', phone: '', partyMember: false, skills: [], communityCode: '', availability: '' });
  });
});
