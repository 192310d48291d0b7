import { pinyin } from 'pinyin-pro';
import type { StationLevel, StationNode } from './types.js';

/** A station as the rest of the code sees it: flat, with its parent's code. */
export interface StationInfo {
  code: string;
  name: string;
  level: StationLevel;
  parentCode: string | null;
  aliases: string[];
}

const SUFFIXES = /(社区服务点|服务点|社区|居委会|村委会|村|街道分站|街道|镇分站|镇|分站|总站|区|县|市)$/u;

const clean = (s: string) => s.replace(/[\s\p{P}\p{S}]/gu, '').replace(/^(我住在?|我家在|住在|在)/u, '');
const toneless = (s: string) => pinyin(s, { toneType: 'none', type: 'array' }).join('');

/** Looks up stations by code and matches typed community names loosely (aliases, homophones). */
export function createStationDirectory(root: StationNode) {
  const all: StationInfo[] = [];
  const walk = (node: StationNode, parentCode: string | null) => {
    all.push({ code: node.code, name: node.name, level: node.level, parentCode, aliases: node.aliases ?? [] });
    for (const child of node.children ?? []) walk(child, node.code);
  };
  walk(root, null);
  const byCode = new Map(all.map((s) => [s.code, s]));
  const communities = all.filter((s) => s.level === 'community');
  const names = new Map(all.map((s) => [s.code, [...new Set([s.name, s.name.replace(SUFFIXES, ''), ...s.aliases])].filter((n) => n.length >= 2)]));
  const pinyins = new Map(all.map((s) => [s.code, (names.get(s.code) ?? []).map(toneless)]));

  function score(station: StationInfo, text: string, textPinyin: string): number {
    const ns = names.get(station.code) ?? [];
    if (ns.includes(text)) return 4;
    if (ns.some((n) => text.includes(n))) return 3;
    if (text.length >= 2 && ns.some((n) => n.includes(text))) return 2;
    if (textPinyin.length >= 4 && (pinyins.get(station.code) ?? []).some((p) => p === textPinyin || textPinyin.includes(p))) return 1;
    return 0;
  }

  function descendantsOf(code: string): StationInfo[] {
    return communities.filter((c) => {
      for (let p = c.parentCode; p; p = byCode.get(p)?.parentCode ?? null) if (p === code) return true;
      return false;
    });
  }

  return {
    all: () => all,
    communities: () => communities,
    get: (code: string) => byCode.get(code),
    /** Parent chain from the station up to the city, the station first. */
    ancestry(code: string): StationInfo[] {
      const chain: StationInfo[] = [];
      for (let s = byCode.get(code); s; s = s.parentCode ? byCode.get(s.parentCode) : undefined) chain.push(s);
      return chain;
    },
    /**
     * Communities fitting a typed name, best first: a community's own name or alias wins; a street
     * or district name gives the communities under it.
     */
    matchCommunities(typed: string): StationInfo[] {
      const text = clean(typed);
      if (text.length === 0) return [];
      const textPinyin = toneless(text);
      const scored = communities.map((c) => ({ c, s: score(c, text, textPinyin) })).filter((x) => x.s > 0);
      const best = Math.max(0, ...scored.map((x) => x.s));
      // "新丰" names the town exactly; a community alias merely containing it ("新丰镇南") must not win.
      const exactAreas = best < 4 ? all.filter((s) => s.level !== 'community' && score(s, text, textPinyin) === 4) : [];
      if (exactAreas.length > 0) return exactAreas.flatMap((a) => descendantsOf(a.code));
      if (scored.length > 0) return scored.filter((x) => x.s === best).map((x) => x.c);
      const areas = all.filter((s) => s.level !== 'community' && score(s, text, textPinyin) >= 2);
      return areas.flatMap((a) => descendantsOf(a.code));
    },
  };
}

export type StationDirectory = ReturnType<typeof createStationDirectory>;
