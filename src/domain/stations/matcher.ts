import { pinyin } from 'pinyin-pro';
import type { Station, StationTree } from './tree.js';

// === Typed community names → communities of the station tree (aliases, suffixes, homophones)

const SUFFIXES = /(社区服务点|服务点|社区|居委会|村委会|村|街道分站|街道|镇分站|镇|分站|总站|区|县|市)$/u;

const clean = (s: string) => s.replace(/[\s\p{P}\p{S}]/gu, '').replace(/^(我住在?|我家在|住在|在)/u, '');
const toneless = (s: string) => pinyin(s, { toneType: 'none', type: 'array' }).join('');

/** Matches typed names against the stations offered to residents (retired ones are never matched). */
export function createStationMatcher(tree: StationTree) {
  const offered = tree.all().filter((s) => !s.retired);
  const communities = tree.communities();
  const areas = offered.filter((s) => s.level !== 'community');
  // Indexed once: each station's names (full, without its suffix, aliases); their pinyin when first
  // needed (for a city's ~1,200 communities that is ~0.1 s, better spent on a typo than at start-up).
  const names = new Map(offered.map((s) => [s.id, [...new Set([s.name, s.name.replace(SUFFIXES, ''), ...s.aliases])].filter((n) => n.length >= 2)]));
  const pinyins = new Map<number, string[]>();
  const pinyinsOf = (s: Station): string[] => {
    let p = pinyins.get(s.id);
    if (!p) pinyins.set(s.id, (p = (names.get(s.id) ?? []).map(toneless)));
    return p;
  };
  /** Communities by each of their exact names, in tree order. */
  const exact = new Map<string, Station[]>();
  for (const c of communities) {
    for (const n of names.get(c.id) ?? []) exact.set(n, [...(exact.get(n) ?? []), c]);
  }

  function score(station: Station, text: string, textPinyin: string): number {
    const ns = names.get(station.id) ?? [];
    if (ns.includes(text)) return 4;
    if (ns.some((n) => text.includes(n))) return 3;
    if (text.length >= 2 && ns.some((n) => n.includes(text))) return 2;
    if (textPinyin.length >= 4 && pinyinsOf(station).some((p) => p === textPinyin || textPinyin.includes(p))) return 1;
    return 0;
  }

  const communitiesUnder = (area: Station) => tree.under([area.id]).filter((s) => s.level === 'community' && !s.retired);

  return {
    /**
     * Communities fitting a typed name, best first: a community's own name or alias wins; a street
     * or district name gives the communities under it.
     */
    matchCommunities(typed: string): Station[] {
      const text = clean(typed);
      if (text.length === 0) return [];
      const named = exact.get(text);
      if (named) return [...named];
      const textPinyin = toneless(text);
      const scored = communities.map((c) => ({ c, s: score(c, text, textPinyin) })).filter((x) => x.s > 0);
      const best = Math.max(0, ...scored.map((x) => x.s));
      // "新丰" names the town exactly; a community alias merely containing it ("新丰镇南") must not win.
      const exactAreas = areas.filter((s) => score(s, text, textPinyin) === 4);
      if (exactAreas.length > 0) return exactAreas.flatMap(communitiesUnder);
      if (scored.length > 0) return scored.filter((x) => x.s === best).map((x) => x.c);
      return areas.filter((s) => score(s, text, textPinyin) >= 2).flatMap(communitiesUnder);
    },
  };
}

export type StationMatcher = ReturnType<typeof createStationMatcher>;
