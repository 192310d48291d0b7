import { describe, expect, it } from 'vitest';
import { MAX_COMMUNITY_CHOICES, communityGuards, firstCommunity, offeredCommunities } from '../../../flows/common/places.js';

const names = Array.from({ length: 12 }, (_, i) => ({ code: `c${i}`, name: `中山社区${i}` }));
const deps = {
  matchCommunities: (text: string) => (text === '' ? [] : text === '文昌' ? [{ code: 'wc', name: '文昌社区' }] : names.filter((c) => c.name.includes(text))),
};
const typed = (text: string) => ({ type: 'answer.text', text });

describe('reading a typed community name', () => {
  it('takes the one community that fits, and nothing from non-text events', () => {
    expect(firstCommunity(deps, typed('文昌'))).toBe('wc');
    expect(firstCommunity(deps, typed('没有'))).toBeNull();
    expect(firstCommunity(deps, { type: 'answer.choice' })).toBeNull();
  });

  it('offers at most nine when several fit, best first', () => {
    expect(offeredCommunities(deps, typed('中山'))).toEqual(names.slice(0, MAX_COMMUNITY_CHOICES).map((c) => c.code));
  });

  it('tells one from several', () => {
    const g = communityGuards(deps);
    expect([g.oneCommunity({ event: typed('文昌') }), g.severalCommunities({ event: typed('文昌') })]).toEqual([true, false]);
    expect([g.oneCommunity({ event: typed('中山') }), g.severalCommunities({ event: typed('中山') })]).toEqual([false, true]);
    expect([g.oneCommunity({ event: typed('') }), g.severalCommunities({ event: typed('') })]).toEqual([false, false]);
  });
});
