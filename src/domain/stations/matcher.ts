import { pinyin } from 'pinyin-pro';
import type { Station, StationTree } from './tree.js';

// === Typed place names → stations of the tree: names, short forms, aliases, homophones and typos

/** Suffixes people leave out: 运南社区居委会 → 运南社区 → 运南; 新兴街道 → 新兴. */
const SUFFIXES =
  /(社区居民委员会|社区居委会|村村民委员会|村民委员会|居民委员会|居委会|村村委会|村委会|社区服务点|服务点|社区|村|街道分站|街道|镇分站|镇|乡|分站|总站|区|县|市)$/u;
const COMMITTEE = /(居民委员会|居委会|村民委员会|村委会)$/u;

const clean = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .replace(/^(我家住在|我家住|我住在|我住|我家在|住在|我在|在)/u, '')
    .replace(/(这边|那边|附近|这里|那里|的)$/u, '')
    .toLowerCase();
const toneless = (s: string) => pinyin(s, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('');

/** Edit distance of two short strings (characters or pinyin letters), stopping above `max`. */
function editDistance(a: string, b: string, max = 2): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[y.length]!;
}

/** Scores of a close guess, best first. */
const SAME_SOUND = 4;
const BEGINS = 3;
const ONE_TYPO = 2;
const NEAR_SOUND = 1;

/** What a typed place name fits. */
export interface PlaceMatch {
  /** Communities that fit, best first. */
  communities: Station[];
  /** True when the text names them (name, short form, alias); false for close guesses (typos, sounds). */
  exact: boolean;
  /** Streets/towns or districts the text names exactly (a step-by-step pick can start there). */
  areas: Station[];
}

/** How many close guesses are offered. */
const MAX_GUESSES = 5;
/** Texts longer than this (characters) get no guesses, only names found inside them. */
const MAX_GUESSED_LENGTH = 20;

type Level = Station['level'];
const AREA_LEVELS: readonly Level[] = ['county', 'town'];

/**
 * Matches typed names against the stations offered to residents (retired ones are never matched).
 * Names, aliases and short forms are indexed when first needed and again after the tree's aliases
 * change (`tree.version()`); their pinyin when a typed name is not found as written.
 */
export function createStationMatcher(tree: StationTree) {
  let version = -1;
  let names = new Map<number, string[]>();
  let exact = new Map<string, Station[]>();
  let pinyins = new Map<number, string[]>();
  let offered: Station[] = [];
  const index = () => {
    if (version === tree.version()) return;
    version = tree.version();
    offered = tree.all().filter((s) => !s.retired);
    names = new Map(
      offered.map((s) => [s.id, [...new Set([s.name, ...s.aliases, s.name.replace(SUFFIXES, '')])].map(clean).filter((n) => [...n].length >= 2)]),
    );
    exact = new Map();
    for (const s of offered) for (const n of names.get(s.id) ?? []) exact.set(n, [...(exact.get(n) ?? []), s]);
    pinyins = new Map();
  };
  const pinyinsOf = (s: Station): string[] => {
    let p = pinyins.get(s.id);
    if (!p) pinyins.set(s.id, (p = (names.get(s.id) ?? []).map(toneless)));
    return p;
  };
  const poolOf = (levels: readonly Level[], within?: number) =>
    (within === undefined ? offered : tree.under([within]).filter((s) => !s.retired)).filter((s) => levels.includes(s.level));

  /** Stations whose name, short form or alias is exactly the text. */
  const named = (text: string, levels: readonly Level[], within?: number) => {
    const inside = within === undefined ? undefined : new Set(tree.under([within]).map((s) => s.id));
    return (exact.get(text) ?? []).filter((s) => levels.includes(s.level) && (!inside || inside.has(s.id)));
  };

  /** Stations one of whose names the text contains (the longest such name wins; ties: all). */
  const contained = (text: string, levels: readonly Level[], within?: number) => {
    let longest = 0;
    let out: Station[] = [];
    for (const s of poolOf(levels, within)) {
      const len = Math.max(0, ...(names.get(s.id) ?? []).filter((n) => text.includes(n)).map((n) => [...n].length));
      if (len > longest) [longest, out] = [len, [s]];
      else if (len === longest && len > 0) out.push(s);
    }
    return out;
  };

  /**
   * The city, county or town whose name begins the text, with more after it (桐乡 梧桐, 海盐武原, 南湖区新兴街道运南):
   * the longest name, and of two as long the higher level (南湖 is 南湖区 before 南湖街道); none when two
   * of one level tie.
   */
  const leadingArea = (text: string, within?: number): { station: Station; name: string } | undefined => {
    let best: { station: Station; name: string; depth: number } | undefined;
    let tie = false;
    for (const s of poolOf(['city', ...AREA_LEVELS], within)) {
      if (s.id === within) continue;
      const depth = tree.chain(s.id).length;
      for (const name of names.get(s.id) ?? []) {
        if (name.length >= text.length || !text.startsWith(name)) continue;
        if (!best || name.length > best.name.length || (name.length === best.name.length && depth < best.depth))
          [best, tie] = [{ station: s, name, depth }, false];
        else if (name.length === best.name.length && depth === best.depth && s.id !== best.station.id) tie = true;
      }
    }
    return best && !tie ? best : undefined;
  };

  /** The one community or area a name missing its first character fits (院镇 → 濮院镇), or none when several do. */
  const missingFirst = (text: string, within?: number): Station | undefined => {
    const len = [...text].length;
    if (len < 2) return undefined;
    const fits = poolOf(['community', ...AREA_LEVELS], within).filter(
      (s) => s.id !== within && (names.get(s.id) ?? []).some((n) => [...n].length === len + 1 && n.endsWith(text)),
    );
    return fits.length === 1 ? fits[0] : undefined;
  };

  /** Close guesses for a name not found as written: same sound, a beginning, one typo, a near sound. */
  const guesses = (text: string, levels: readonly Level[], within?: number): Station[] => {
    const len = [...text].length;
    // A place name is short: a long message is no misspelt name (and its pinyin would be slow).
    if (len < 2 || len > MAX_GUESSED_LENGTH) return [];
    const tp = toneless(text);
    const scored: { s: Station; score: number }[] = [];
    for (const s of poolOf(levels, within)) {
      const ns = names.get(s.id) ?? [];
      const ps = pinyinsOf(s);
      let score = 0;
      if (tp.length >= 4 && ps.includes(tp)) score = SAME_SOUND;
      else if (ns.some((n) => n.startsWith(text))) score = BEGINS;
      else if (len >= 3 && ns.some((n) => [...n].length >= 3 && editDistance(n, text, 1) <= 1)) score = ONE_TYPO;
      else if (tp.length >= 6 && ps.some((p) => p.length >= 6 && editDistance(p, tp, 1) <= 1)) score = NEAR_SOUND;
      if (score > 0) scored.push({ s, score });
    }
    return scored.sort((a, b) => b.score - a.score).map((x) => x.s);
  };

  /**
   * What a resident's typed place fits: the communities it names (several when the name repeats:
   * 文昌社区 ×3; 南湖区文昌社区 or 新兴街道 文昌 narrow it), else the areas it names exactly, else the
   * closest guesses (typos, sound-alikes). `within`: only below that station (a step-by-step pick).
   */
  // The flows ask several times about one message (guards, then actions): the last answer is kept.
  let last: { key: string; version: number; match: PlaceMatch } | undefined;
  function matchPlaces(typed: string, within?: number): PlaceMatch {
    index();
    const key = `${within ?? ''}\u0000${typed}`;
    if (last?.key === key && last.version === version) return last.match;
    const match = matchPlacesNow(typed, within);
    last = { key, version, match };
    return match;
  }

  function matchPlacesNow(typed: string, within?: number): PlaceMatch {
    const text = clean(typed);
    if (text.length === 0) return { communities: [], exact: false, areas: [] };
    const communities = named(text, ['community'], within);
    const areas = named(text, AREA_LEVELS, within);
    if (communities.length > 0 || areas.length > 0) return { communities, exact: communities.length > 0, areas };
    // A bigger place typed first looks for the rest inside it: 桐乡 梧桐 → 梧桐 in 桐乡市.
    const first = leadingArea(text, within);
    if (first) {
      const narrowed = matchPlacesNow(text.slice(first.name.length), first.station.id);
      if (narrowed.communities.length > 0 || narrowed.areas.length > 0) return narrowed;
    }
    // Areas named inside the text narrow the search to the deepest of them: 南湖区文昌社区 → 文昌社区 under 南湖区.
    const inText = contained(text, AREA_LEVELS, within);
    if (inText.length > 0) {
      let rest = text;
      for (const n of inText.flatMap((a) => names.get(a.id) ?? []).sort((a, b) => b.length - a.length)) rest = rest.replaceAll(n, '');
      const deepest = inText.reduce((a, b) => (tree.chain(b.id).length > tree.chain(a.id).length ? b : a));
      if (rest.length > 0 && rest !== text) {
        const narrowed = matchPlacesNow(rest, deepest.id);
        if (narrowed.communities.length > 0) return narrowed;
      }
    }
    const inside = contained(text, ['community'], within);
    if (inside.length > 0) return { communities: inside, exact: true, areas: [] };
    // A name missing its first character (院镇 for 濮院镇, 运社区 for 秀运社区) is the first guess, or the area opened.
    const lacking = missingFirst(text, within);
    const guessed = guesses(text, ['community'], within).filter((s) => s !== lacking);
    if (lacking?.level === 'community') guessed.unshift(lacking);
    if (guessed.length === 0 && lacking) return { communities: [], exact: false, areas: [lacking] };
    return { communities: guessed.slice(0, MAX_GUESSES), exact: false, areas: inText.length === 1 ? inText : [] };
  }

  /** The name people read: 运南社区 for 运南社区居委会, 凌家浜村 for 凌家浜村村委会. */
  function displayName(s: Station): string {
    if (!COMMITTEE.test(s.name)) return s.name;
    return s.aliases.find((a) => s.name.startsWith(a) && /(社区|村)$/.test(a)) ?? s.name;
  }

  return {
    matchPlaces,
    displayName,
    /** Communities fitting a typed name, best first (`matchPlaces` without the areas; an area gives its communities). */
    matchCommunities(typed: string): Station[] {
      const m = matchPlaces(typed);
      return m.communities.length > 0 ? m.communities : m.areas.flatMap((a) => tree.under([a.id]).filter((s) => s.level === 'community' && !s.retired));
    },
    /** A station named by an organizer (any level): the ones named, else the closest guesses. */
    matchStations(typed: string): { named: Station[]; guesses: Station[] } {
      index();
      const byCode = tree.byCode(typed.trim());
      if (byCode && !byCode.retired) return { named: [byCode], guesses: [] };
      const text = clean(typed);
      const levels: Level[] = ['city', 'county', 'town', 'community'];
      const found = text.length > 0 ? named(text, levels) : [];
      if (found.length > 0) return { named: found, guesses: [] };
      return { named: [], guesses: text.length > 0 ? [...contained(text, levels), ...guesses(text, levels)].slice(0, MAX_GUESSES) : [] };
    },
    /** The name with its district and street when the name repeats in the city: 文昌社区（南湖区·新兴街道）. */
    label(s: Station): string {
      index();
      const own = displayName(s);
      const twins = (exact.get(clean(own)) ?? []).filter((x) => x.level === s.level);
      if (twins.length <= 1) return own;
      const up = tree
        .chain(s.id)
        .slice(1)
        .map((id) => tree.byId(id)!)
        .filter((a) => a.level === 'county' || a.level === 'town')
        .reverse();
      return `${own}（${up.map(displayName).join('·')}）`;
    },
  };
}

export type StationMatcher = ReturnType<typeof createStationMatcher>;
