import type { Choice } from '../src/core/message.js';
import { maskPhone } from '../src/texts/resident.js';
import { volunteerTexts as t } from '../src/texts/volunteer.js';
import { placeTexts } from '../src/texts/places.js';
import { placeChoices } from './common/places.js';
import type { QuestionBody } from './common/question.js';
import { isMobile, normalizePhone } from './common/validate.js';
import { readName } from './volunteer.input.js';
import type { VolunteerContext, VolunteerDraft, VolunteerFlowDeps } from './volunteer.types.js';

// === The questions of the volunteer flow: text, numbered choices and help, from context

/** Choice ids used across questions. */
export const VCHOICE = {
  knownName: 'known-name',
  knownPhone: 'known-phone',
  partyYes: 'party:yes',
  partyNo: 'party:no',
  skillsDone: 'skills:done',
  skillsClear: 'skills:clear',
} as const;

/** The display name, when it can be offered as the person's name. */
export function knownName(ctx: VolunteerContext): string | null {
  return readName(ctx.profile.displayName);
}

/** The known phone, normalized, when it is a mobile and can be offered. */
export function knownMobile(ctx: VolunteerContext): string | null {
  const phone = ctx.profile.phone === null ? null : normalizePhone(ctx.profile.phone);
  return isMobile(phone) ? phone : null;
}

/** The name, offering the display name when it can be one. */
export function nameQuestion(ctx: VolunteerContext): QuestionBody {
  const known = knownName(ctx);
  return {
    text: known ? t.askNameKnown : t.askName,
    choices: known ? [{ id: VCHOICE.knownName, label: known }] : [],
    help: t.nameHelp,
  };
}

/** The mobile, offering the known one (masked) when it is a mobile. */
export function phoneQuestion(ctx: VolunteerContext): QuestionBody {
  const known = knownMobile(ctx);
  return {
    text: known ? t.askPhoneKnown : t.askPhone,
    choices: known ? [{ id: VCHOICE.knownPhone, label: t.useKnownPhone(maskPhone(known)) }] : [],
    help: t.phoneHelp,
  };
}

/** Party member or not. */
export function partyQuestion(): QuestionBody {
  return {
    text: t.askParty,
    choices: [
      { id: VCHOICE.partyYes, label: t.partyChoices.yes },
      { id: VCHOICE.partyNo, label: t.partyChoices.no },
    ],
    help: t.partyHelp,
  };
}

/** The name of a skill code: a class's or an item's. */
export function skillName(code: string, deps: VolunteerFlowDeps): string {
  return deps.classes.find((c) => c.code === code)?.name ?? deps.item(code)?.name ?? code;
}

/** The classes, then "选好了" and "清空重选" once something is chosen; the text shows the choice so far. */
export function skillsQuestion(ctx: VolunteerContext, deps: VolunteerFlowDeps, note?: string): QuestionBody {
  const picks = ctx.skillPicks;
  const choices: Choice[] = [
    ...deps.classes.map((c) => ({ id: `skill:${c.code}`, label: c.name })),
    ...(picks.length > 0
      ? [
          { id: VCHOICE.skillsDone, label: t.skillChoices.done },
          { id: VCHOICE.skillsClear, label: t.skillChoices.clear },
        ]
      : []),
  ];
  const ask =
    picks.length > 0
      ? t.skillsChosen(
          picks.map((c) => skillName(c, deps)),
          deps.classes.length + 1,
        )
      : t.askSkills;
  return { text: note ? `${note}\n${ask}` : ask, choices, help: t.skillsHelp };
}

/** Where the volunteer lives: a typed name or a step-by-step pick (see `placeStep`). */
export function communityQuestion(ctx: VolunteerContext, deps: VolunteerFlowDeps): QuestionBody {
  return {
    text: ctx.placeNote ?? t.askCommunity,
    choices: placeChoices(ctx, deps, null),
    help: ctx.placeArea !== null ? placeTexts.browseHelp : t.communityHelp,
  };
}

/** When the person can usually serve: four choices, or their own words. */
export function availabilityQuestion(): QuestionBody {
  return { text: t.askAvailability, choices: t.availabilityChoices.map((a) => ({ id: `availability:${a}`, label: a })), help: t.availabilityHelp };
}

/** The summary's choices, in order: submit, then one change per field. */
export const SUMMARY_FIELDS = ['submit', 'name', 'phone', 'party', 'skills', 'community', 'availability'] as const;

/** Everything gathered, with choices to submit or change a field. */
export function summaryQuestion(ctx: VolunteerContext, deps: VolunteerFlowDeps): QuestionBody {
  const lines = t.summaryLines({
    name: ctx.name ?? '',
    phone: ctx.phone ?? '',
    partyMember: ctx.partyMember === true,
    skills: ctx.skills.map((c) => skillName(c, deps)),
    community: deps.community(ctx.communityCode ?? '')?.name ?? '',
    availability: ctx.availability ?? '',
  });
  return {
    text: `${t.summaryTitle}\n${lines}`,
    choices: SUMMARY_FIELDS.map((f) => ({ id: `edit:${f}`, label: t.summaryChoices[f] })),
    help: t.summaryHelp,
  };
}

/** The registration to store, from what was gathered. */
export function draftOf(ctx: VolunteerContext): VolunteerDraft {
  return {
    name: ctx.name ?? '',
    phone: ctx.phone ?? '',
    partyMember: ctx.partyMember === true,
    skills: ctx.skills,
    communityCode: ctx.communityCode ?? '',
    availability: ctx.availability ?? '',
  };
}
