import { describe, expect, it } from 'vitest';
import type { EventObject } from 'xstate';
import {
  chosenPlace,
  MAX_COMMUNITY_CHOICES,
  nextPlace,
  noPlace,
  PLACE_CHOICE,
  PLACE_PAGE,
  type PlaceContext,
  placeChoices,
  placeGuards,
  placeStep,
  placeUp,
} from '../../../flows/common/places.js';
import { readStationsFile } from '../../../src/domain/reference-data.js';
import { stationTreeOf } from '../../../src/domain/stations/tree.js';
import { placeLookup } from '../../../src/app/resident-flow.js';
import { placeTexts } from '../../../src/texts/places.js';

// On the real seed: Jiaxing's 7 districts, 72 streets and towns, 1,202 communities.
const deps = placeLookup(stationTreeOf(readStationsFile()));
const typed = (text: string) => ({ type: 'answer.text', text });
const ctxOf = (over: Partial<PlaceContext> = {}, last: string | null = null): PlaceContext => {
  const base = { ...noPlace(), question: { id: 1, text: '', choices: [], help: '' }, ...over };
  return { ...base, question: { ...base.question, choices: placeChoices(base, deps, last) } };
};
/** Answers `text` to the question `ctx` holds and gives the next question's context. */
const answer = (ctx: PlaceContext, text: string, last: string | null = null) => {
  const next = nextPlace(deps, ctx, typed(text));
  return ctxOf(next, last);
};
const labels = (ctx: PlaceContext) => ctx.question.choices.map((c) => c.label);

describe('the first community question', () => {
  it('offers the last community used and a step-by-step pick, never the whole list', () => {
    expect(labels(ctxOf())).toEqual([placeTexts.stepByStep]);
    expect(labels(ctxOf({}, '330402011015'))).toEqual([placeTexts.lastUsed('运南社区'), placeTexts.stepByStep]);
    expect(chosenPlace(deps, ctxOf({}, '330402011015'), typed('1'))).toBe('330402011015');
    // A community no longer offered is not offered.
    expect(labels(ctxOf({}, 'gone'))).toEqual([placeTexts.stepByStep]);
  });
});

describe('typed names', () => {
  it('takes a name, short form or full official name at once', () => {
    for (const t of ['运南', '运南社区', '运南社区居委会', '我住在运南社区']) expect(chosenPlace(deps, ctxOf(), typed(t))).toBe('330402011015');
  });

  it('asks which one when a name repeats, labelled with district and street, and takes a number, a label or words', () => {
    const several = answer(ctxOf(), '文昌社区');
    expect(several.placeNote).toBe(placeTexts.several);
    expect(labels(several)).toEqual(['文昌社区（南湖区·新兴街道）', '文昌社区（海盐县·武原街道）', '文昌社区（桐乡市·梧桐街道）', placeTexts.stepByStep]);
    expect(chosenPlace(deps, several, typed('2'))).toBe(several.question.choices[1]!.id.slice('community:'.length));
    expect(chosenPlace(deps, several, typed('文昌社区（南湖区·新兴街道）'))).toBe('330402011016');
    expect(chosenPlace(deps, several, { type: 'answer.choice', id: several.question.choices[2]!.id } as EventObject)).toMatch(/^330483/);
    // Free words naming the district pick it too.
    expect(chosenPlace(deps, several, typed('海盐县文昌'))).toMatch(/^330424/);
  });

  it('offers the closest for a typo or a sound-alike, with the step-by-step pick', () => {
    const guess = answer(ctxOf(), '云南社区');
    expect(guess.placeNote).toBe(placeTexts.guess('云南社区'));
    expect(labels(guess)).toContain('运南社区');
    expect(labels(guess).at(-1)).toBe(placeTexts.stepByStep);
    expect(guess.question.choices.length).toBeLessThanOrEqual(MAX_COMMUNITY_CHOICES + 1);
  });

  it('never a bare "not found": an unknown name starts the step-by-step pick at the districts', () => {
    const none = answer(ctxOf(), '火星基地');
    expect(none.placeNote).toBe(placeTexts.notFound('火星基地'));
    expect(labels(none)).toEqual(['南湖区', '秀洲区', '嘉善县', '海盐县', '海宁市', '平湖市', '桐乡市']);
  });

  it('a county or city with a town or community in one line is looked for inside it, with or without a space', () => {
    for (const t of ['海盐武原', '海盐 武原', '海盐县武原', '嘉兴 海盐 武原']) {
      const wuyuan = answer(ctxOf(), t);
      expect(wuyuan.placeArea, t).toBe('330424001');
      expect(wuyuan.placeNote).toBe(placeTexts.pickCommunity('武原街道'));
    }
    // 梧桐 in 桐乡 is a street and a village: both offered, neither taken for the other.
    for (const t of ['桐乡 梧桐', '桐乡梧桐']) {
      const wutong = answer(ctxOf(), t);
      expect(wutong.placeNote, t).toBe(placeTexts.several);
      expect(labels(wutong)).toEqual(['梧桐村', '梧桐街道', placeTexts.stepByStep]);
    }
    expect(chosenPlace(deps, ctxOf(), typed('桐乡 庆丰'))).toBeNull();
    expect(chosenPlace(deps, ctxOf(), typed('南湖 新兴 运南'))).toBe('330402011015');
  });

  it('a name missing its first character is found when only one place fits, within the county typed', () => {
    // 濮院镇 (濮 is hard to type) as 院镇.
    for (const t of ['桐乡 院镇', '院镇']) expect(answer(ctxOf(), t).placeArea, t).toBe('330483101');
    // 西塘桥街道 as 塘桥 in 海盐; alone, 塘桥 is the three communities of that name.
    expect(answer(ctxOf(), '海盐 塘桥').placeNote).toBe(placeTexts.pickCommunity('西塘桥街道'));
    // A community: offered first among the guesses, never taken as sure.
    const guess = answer(ctxOf(), '桐乡 家门');
    expect(labels(guess)[0]).toBe('杨家门社区');
    expect(chosenPlace(deps, ctxOf(), typed('桐乡 家门'))).toBeNull();
    // Several fit (陈家弄, 沈家弄…): the county's towns, not the districts.
    expect(answer(ctxOf(), '桐乡 家弄').placeNote).toBe(placeTexts.pickTown('桐乡市'));
  });

  it('a street named exactly opens its communities', () => {
    const street = answer(ctxOf(), '新兴街道');
    expect(street.placeNote).toBe(placeTexts.pickCommunity('新兴街道'));
    expect(labels(street)).toContain('运南社区');
  });

  it('is no answer for empty or non-text input', () => {
    expect(placeStep(deps, ctxOf(), typed('？'))).toBeNull();
    expect(placeStep(deps, ctxOf(), { type: 'answer.media' })).toBeNull();
  });
});

describe('the step-by-step pick: 区 → 街道/镇 → 社区/村', () => {
  it('goes down by numbers or labels, pages long lists, and back up with 返回', () => {
    const districts = answer(ctxOf(), placeTexts.stepByStep);
    expect(districts.placeNote).toBe(placeTexts.pickCounty);
    const nanhu = answer(districts, '1');
    expect(nanhu.placeNote).toBe(placeTexts.pickTown('南湖区'));
    expect(labels(nanhu)).toContain('新兴街道');
    const xinxing = answer(nanhu, '新兴街道');
    expect(xinxing.placeNote).toBe(placeTexts.pickCommunity('新兴街道'));
    const all = deps.placesUnder('330402011');
    if (all.length > PLACE_PAGE) {
      expect(labels(xinxing).at(-1)).toBe(placeTexts.nextPage);
      expect(answer(xinxing, placeTexts.nextPage).placePage).toBe(1);
    }
    expect(chosenPlace(deps, xinxing, typed('1'))).toBe(all[0]!.code);
    // A name typed while picking is looked for in that street first.
    expect(chosenPlace(deps, xinxing, typed('文昌'))).toBe('330402011016');
    // 返回: one level up, and from the districts out of the pick.
    expect(placeUp(deps, xinxing)?.placeArea).toBe('330402');
    expect(placeUp(deps, nanhu)?.placeArea).toBe('3304');
    expect(placeUp(deps, districts)).toEqual(noPlace());
    expect(placeUp(deps, ctxOf())).toBeNull();
    // From the places offered for a typed name: back to the first question.
    expect(placeUp(deps, answer(ctxOf(), '文昌社区'))).toEqual(noPlace());
  });

  it('guards tell a choice from a changed question', () => {
    const g = placeGuards(deps);
    const ctx = ctxOf();
    expect(g.placeChosen({ context: ctx, event: typed('运南') })).toBe(true);
    expect(g.placeChanged({ context: ctx, event: typed('文昌') })).toBe(true);
    expect(g.placeChanged({ context: ctx, event: typed('') })).toBe(false);
    const pressed = ctxOf(nextPlace(deps, ctx, { type: 'answer.choice', id: PLACE_CHOICE.step } as EventObject));
    expect(g.pickingPlace({ context: ctx, event: typed('') })).toBe(false);
    expect(g.pickingPlace({ context: pressed, event: typed('') })).toBe(true);
    expect(answer(ctx, '一步步选').placeArea).toBe('3304');
  });
});
