import { describe, expect, it } from 'vitest';
import { initialResidentContext } from '../../flows/resident.machine.js';
import {
  CHOICE,
  CONFIRM_FIELDS,
  communityQuestion,
  confirmCancelQuestion,
  confirmItemQuestion,
  confirmQuestion,
  describeQuestion,
  phoneQuestion,
  pickItemQuestion,
  requestListQuestion,
  whenQuestion,
} from '../../flows/resident.questions.js';
import type { ResidentContext } from '../../flows/resident.types.js';
import { texts } from '../../src/texts/resident.js';
import { referenceDeps as deps } from './harness.js';
import { PLACE_CHOICE } from '../../flows/common/places.js';
import { placeTexts } from '../../src/texts/places.js';

// === The resident flow's questions, as pure functions of the context

const ctx = (over: Partial<ResidentContext> = {}, profile: Partial<ResidentContext['profile']> = {}): ResidentContext => ({
  ...initialResidentContext({ phone: null, lastCommunityCode: null, ...profile }),
  ...over,
});
const ids = (q: { choices: { id: string }[] }) => q.choices.map((c) => c.id);

describe('the resident flow’s questions', () => {
  it('the class list, with "my requests" only when asked for', () => {
    const q = describeQuestion(deps);
    expect(ids(q)).toEqual([...deps.classes.map((c) => `class:${c.code}`), CHOICE.mine]);
    expect(q.text).toBe(texts.describeAgain);
    expect(ids(describeQuestion(deps, 'x', false))).not.toContain(CHOICE.mine);
  });

  it('the items of the chosen class: all of them when they are 8 or fewer', () => {
    const q = pickItemQuestion(ctx({ classCode: 'dispute' }), deps);
    expect(q.text).toBe(texts.pickItem('纠纷调解类'));
    expect(ids(q)).toEqual(deps.itemsOf('dispute').map((i) => `item:${i.code}`));
  });

  it('a longer list a page at a time, at most 8 items and 更多; every item on exactly one page', () => {
    for (const cls of deps.classes) {
      const pages = deps.itemPages(cls.code);
      const seen = pages.flatMap((_, p) => {
        const q = pickItemQuestion(ctx({ classCode: cls.code, itemPage: p }), deps);
        const items = ids(q).filter((id) => id.startsWith('item:'));
        expect(items.length).toBeLessThanOrEqual(8);
        if (pages.length > 1) expect(q.choices.at(-1)).toEqual({ id: 'page:next', label: p + 1 < pages.length ? texts.moreItems : texts.firstItemsAgain });
        return items;
      });
      expect(seen.sort()).toEqual(
        deps
          .itemsOf(cls.code)
          .map((i) => `item:${i.code}`)
          .sort(),
      );
    }
    const q = pickItemQuestion(ctx({ classCode: 'daily-life', itemPage: 1 }), deps);
    expect(q.text).toBe(texts.pickItemPage('生活求助类', '生活小事', 2, 3));
    // A page out of range (a conversation saved before pages, or a changed catalogue): the first.
    expect(pickItemQuestion(ctx({ classCode: 'daily-life', itemPage: 9 }), deps).text).toBe(texts.pickItemPage('生活求助类', '家里修理', 1, 3));
  });

  it('one proposal asks "is it this?"; several ask which one fits best', () => {
    expect(confirmItemQuestion(ctx({ proposals: ['appliance-repair'] }), deps).text).toBe(texts.confirmItem);
    expect(confirmItemQuestion(ctx({ proposals: ['appliance-repair', 'haircut'] }), deps).text).toBe(texts.chooseItem);
    // An unknown code is not offered, so it does not make the proposal look like several.
    expect(confirmItemQuestion(ctx({ proposals: ['appliance-repair', 'no-such-item'] }), deps).text).toBe(texts.confirmItem);
  });

  it('the proposals, known items only, then "none of these"', () => {
    const q = confirmItemQuestion(ctx({ proposals: ['appliance-repair', 'no-such-item', 'haircut'] }), deps);
    expect(q.choices).toEqual([
      { id: 'item:appliance-repair', label: '家电维修' },
      { id: 'item:haircut', label: '理发' },
      { id: CHOICE.none, label: texts.noneOfThese },
    ]);
  });

  it('communities: the offered ones with a step-by-step pick; else the last one used', () => {
    expect(communityQuestion(ctx({ communityOptions: ['community:nanhu-jianshe-wenchang'] }), deps).choices).toEqual([
      { id: 'community:nanhu-jianshe-wenchang', label: '文昌社区' },
      { id: PLACE_CHOICE.step, label: placeTexts.stepByStep },
    ]);
    expect(communityQuestion(ctx(), deps)).toMatchObject({ text: texts.askCommunity, choices: [{ id: PLACE_CHOICE.step }] });
    expect(communityQuestion(ctx({}, { lastCommunityCode: 'nanhu-jianshe-ziyang' }), deps).choices[0]).toEqual({
      id: 'community:nanhu-jianshe-ziyang',
      label: placeTexts.lastUsed('紫阳社区'),
    });
  });

  it('the phone: the one on file offered masked, else just asked', () => {
    expect(phoneQuestion(ctx())).toMatchObject({ text: texts.askPhone, choices: [] });
    const known = phoneQuestion(ctx({}, { phone: '13812345678' }));
    expect(known.text).toBe(texts.askPhoneKnown);
    expect(known.choices).toEqual([{ id: CHOICE.knownPhone, label: texts.useKnownPhone('138****5678') }]);
  });

  it('the time: the usual choices', () => {
    expect(whenQuestion().choices.map((c) => c.label)).toEqual([...texts.whenChoices]);
  });

  it('the summary shows what was gathered and offers submit and each correction', () => {
    const q = confirmQuestion(
      ctx({
        itemCode: 'appliance-repair',
        description: '电视没图像',
        communityCode: 'nanhu-jianshe-wenchang',
        address: '文昌小区1幢101',
        phone: '13812345678',
        wantedTime: '尽快',
      }),
      deps,
    );
    expect(q.text.startsWith(texts.summaryTitle)).toBe(true);
    for (const part of ['家电维修', '电视没图像', '文昌社区', '文昌小区1幢101', '13812345678', '尽快']) expect(q.text).toContain(part);
    expect(ids(q)).toEqual(CONFIRM_FIELDS.map((f) => `edit:${f}`));
  });

  it('the request list offers to cancel only the cancellable ones, then to keep them', () => {
    const q = requestListQuestion(
      ctx({
        requests: [
          { ticket: '20260601-0001', itemName: '理发', status: 'open', cancellable: true },
          { ticket: '20260501-0003', itemName: '家电维修', status: 'done', cancellable: false },
        ],
      }),
    );
    expect(ids(q)).toEqual(['cancel:20260601-0001', CHOICE.keep]);
    expect(q.text).toContain('20260501-0003');
    const confirm = confirmCancelQuestion(ctx({ cancelTicket: '20260601-0001' }));
    expect(confirm.text).toBe(texts.confirmCancelRequest('20260601-0001'));
    expect(ids(confirm)).toEqual([CHOICE.yes, CHOICE.no]);
  });
});
