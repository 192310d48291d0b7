import { describe, expect, it } from 'vitest';
import { compileFrames } from '../../../src/domain/catalogue/frames.js';
import { createCatalogueMatcher } from '../../../src/domain/catalogue/matcher.js';
import type { Catalogue } from '../../../src/domain/catalogue/types.js';
import { matchableChars } from '../../../src/domain/catalogue/text-reading.js';

// === Frames: one word of each meaning family, near each other, name a need

const small: Catalogue = {
  classes: [
    {
      code: 'c',
      name: '类',
      items: [
        { code: 'boiler', name: '家电维修', keywords: ['热水器', '热水器坏了'] },
        {
          code: 'lease',
          name: '租房纠纷',
          keywords: ['租房'],
          frames: [
            [
              ['房东', '出租的'],
              ['不肯修', '不管', '不退'],
            ],
          ],
        },
        { code: 'lock', name: '开锁换锁', keywords: ['门锁坏了'] },
        {
          code: 'door',
          name: '门窗维修',
          keywords: ['门窗'],
          frames: [
            [
              ['防盗门', '窗户'],
              ['关不上', '卡住'],
            ],
          ],
        },
      ],
    },
  ],
};

describe('finding frames', () => {
  const frames = compileFrames(small);
  const find = (text: string) => frames.find(matchableChars(text));

  it('one word of each family, in either order, near each other', () => {
    expect(find('房东不肯修')).toEqual([
      {
        item: 1,
        start: 0,
        end: 5,
        parts: [
          [0, 2],
          [2, 5],
        ],
      },
    ]);
    expect(find('热水器坏了 房东一直不管')).toHaveLength(1);
    expect(find('不退押金的是房东')).toHaveLength(1);
  });

  it('not when a family is missing, nor across a long message', () => {
    expect(find('房东人很好')).toEqual([]);
    expect(find(`房东${'今天天气很好我们出去走走'.repeat(2)}不管`)).toEqual([]);
  });
});

describe('frames in the matcher', () => {
  const m = createCatalogueMatcher(small, { model: null });

  it('the need the frame names outweighs the thing that broke', () => {
    expect(m.match('租房的热水器坏了 房东不肯修')[0]?.itemCode).toBe('lease');
    expect(m.match('热水器坏了 房东不肯修').map((x) => x.itemCode)).toEqual(['boiler', 'lease']);
    expect(m.match('热水器坏了')[0]?.itemCode).toBe('boiler');
  });

  it('a frame word that is part of a longer keyword of another item does not count (防盗门 in 门锁坏了)', () => {
    expect(m.match('防盗门锁坏了关不上').map((x) => x.itemCode)[0]).toBe('lock');
    expect(m.match('防盗门关不上')[0]?.itemCode).toBe('door');
  });

  it('another word of a family is taken where the nearest one cuts a longer keyword of another item (楼道 … 充电动车)', () => {
    const hazard: Catalogue = {
      classes: [
        {
          code: 'c',
          name: '类',
          items: [
            { code: 'bike', name: '电动车修理', keywords: ['电动车'] },
            { code: 'hazard', name: '消防安全隐患', keywords: ['隐患'], frames: [[['楼道'], ['充电', '电动车']]] },
          ],
        },
      ],
    };
    const h = createCatalogueMatcher(hazard, { model: null });
    // 充电 stands nearer 楼道 but cuts 电动车 in 充电动车; the frame takes 电动车, its other word, instead.
    expect(h.match('楼道里在充电动车')[0]?.itemCode).toBe('hazard');
    expect(h.match('电动车坏了')[0]?.itemCode).toBe('bike');
  });
});
