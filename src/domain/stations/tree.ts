import { asc } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { stationAliases, stations } from '../../../db/schema.js';
import type { StationLevel, StationNode } from './types.js';

// === The one station tree: the `stations` table, loaded once at start (after the reference data sync)

/** One station, as stored in `stations`. */
export interface Station {
  id: number;
  /** Stable code, e.g. `330402011015` (a division code) or an organizer's own `wenchang-xiaoqu`. */
  code: string;
  /** Full name shown to people, e.g. 运南社区居委会. */
  name: string;
  level: StationLevel;
  parentId: number | null;
  /** Other names residents type. */
  aliases: string[];
  /** No longer in the stations file: kept (requests and volunteers refer to it), never offered to residents. */
  retired: boolean;
}

/** A row of `stations`, the input of `createStationTree`. */
export type StationRow = Omit<Station, 'retired'>;

/** Stations by id and code, the chain up to the city and the subtree below a station. */
export interface StationTree {
  /** Every station, parents before children, siblings in id order (for a fresh database: the file's order). */
  all(): readonly Station[];
  byId(id: number): Station | undefined;
  byCode(code: string): Station | undefined;
  /** The top station (the city centre): the first root still in the file, else the first root. */
  root(): Station;
  /** The stations directly below a station. */
  children(id: number): readonly Station[];
  /** The ids of the station and its ancestors up to the city, the station first. */
  chain(id: number): number[];
  /** The stations at or below any of the given stations, in `all()` order. */
  under(ids: readonly number[]): Station[];
  /** The communities offered to residents (not retired), in `all()` order. */
  communities(): readonly Station[];
  /** A station named by an organizer: exact code, then exact name or alias, then a name it starts (2+ characters). */
  find(text: string): Station | undefined;
  /** Counts changes of aliases: look-ups built on the tree rebuild their index when it moved. */
  version(): number;
  /** Adds an alias to a station (an organizer's, from `station_aliases`); false when it already has it. */
  addAlias(id: number, alias: string): boolean;
  /** Removes an alias from a station; false when it had none such. */
  removeAlias(id: number, alias: string): boolean;
}

/**
 * Builds the tree from station rows. `listed` holds the codes the stations file still has; a station
 * outside it is marked retired. Without `listed`, no station is retired.
 */
export function createStationTree(rows: readonly StationRow[], listed?: ReadonlySet<string>): StationTree {
  const byIdOrder = [...rows]
    .sort((a, b) => a.id - b.id)
    .map((r): Station => ({ ...r, aliases: [...r.aliases], retired: listed ? !listed.has(r.code) : false }));
  const byId = new Map(byIdOrder.map((s) => [s.id, s]));
  const byCode = new Map(byIdOrder.map((s) => [s.code, s]));
  const childrenOf = new Map<number, Station[]>();
  const roots: Station[] = [];
  for (const s of byIdOrder) {
    const parent = s.parentId === null ? undefined : byId.get(s.parentId);
    if (!parent) roots.push(s);
    else if (childrenOf.has(parent.id)) childrenOf.get(parent.id)!.push(s);
    else childrenOf.set(parent.id, [s]);
  }

  // Preorder: a station's subtree is the slice [start, end) of `order`.
  const order: Station[] = [];
  const span = new Map<number, { start: number; end: number }>();
  const visit = (s: Station) => {
    if (span.has(s.id)) return;
    const start = order.length;
    span.set(s.id, { start, end: start + 1 });
    order.push(s);
    for (const c of childrenOf.get(s.id) ?? []) visit(c);
    span.get(s.id)!.end = order.length;
  };
  for (const r of roots) visit(r);
  // Rows only reachable through a parent cycle (never written by the sync) still belong somewhere.
  for (const s of byIdOrder) visit(s);

  const communities = order.filter((s) => s.level === 'community' && !s.retired);
  const root = roots.find((r) => !r.retired) ?? roots[0] ?? byIdOrder[0];

  // Names and aliases indexed once; a station still in the file wins over a retired one of the same name.
  const preferred = [...byIdOrder.filter((s) => !s.retired), ...byIdOrder.filter((s) => s.retired)];
  const byName = new Map<string, Station>();
  for (const s of preferred) {
    for (const n of [s.name, ...s.aliases]) if (!byName.has(n)) byName.set(n, s);
  }

  let version = 0;
  const reindexNames = () => {
    byName.clear();
    for (const s of preferred) {
      for (const n of [s.name, ...s.aliases]) if (!byName.has(n)) byName.set(n, s);
    }
  };

  return {
    version: () => version,
    addAlias(id, alias) {
      const s = byId.get(id);
      if (!s || s.name === alias || s.aliases.includes(alias)) return false;
      s.aliases.push(alias);
      version++;
      reindexNames();
      return true;
    },
    removeAlias(id, alias) {
      const s = byId.get(id);
      const at = s ? s.aliases.indexOf(alias) : -1;
      if (!s || at < 0) return false;
      s.aliases.splice(at, 1);
      version++;
      reindexNames();
      return true;
    },
    all: () => order,
    byId: (id) => byId.get(id),
    byCode: (code) => byCode.get(code),
    root() {
      if (!root) throw new Error('The station tree is empty: sync the stations file first (syncReferenceData)');
      return root;
    },
    children: (id) => childrenOf.get(id) ?? [],
    chain(id) {
      const out: number[] = [];
      for (let s = byId.get(id); s && !out.includes(s.id); s = s.parentId === null ? undefined : byId.get(s.parentId)) out.push(s.id);
      return out;
    },
    under(ids) {
      if (ids.length === 1) {
        const r = span.get(ids[0]!);
        return r ? order.slice(r.start, r.end) : [];
      }
      const inside = new Array<boolean>(order.length).fill(false);
      for (const id of ids) {
        const r = span.get(id);
        if (r) inside.fill(true, r.start, r.end);
      }
      return order.filter((_, i) => inside[i]);
    },
    communities: () => communities,
    find(text) {
      const t = text.trim();
      return byCode.get(t) ?? byName.get(t) ?? (t.length >= 2 ? preferred.find((s) => s.name.startsWith(t)) : undefined);
    },
  };
}

/** Every code in a stations file. */
function codesOf(root: StationNode): Set<string> {
  const codes = new Set<string>();
  const walk = (n: StationNode) => {
    codes.add(n.code);
    for (const c of n.children ?? []) walk(c);
  };
  walk(root);
  return codes;
}

/**
 * Loads the tree from the database. `file` is the stations file as synced: stations it no longer
 * lists are retired (never deleted: requests refer to them).
 */
export async function loadStationTree(db: Db, file?: StationNode): Promise<StationTree> {
  const rows = await db
    .select({ id: stations.id, code: stations.code, name: stations.name, level: stations.level, parentId: stations.parentId, aliases: stations.aliases })
    .from(stations)
    .orderBy(asc(stations.id));
  // Organizers' aliases (`/alias`, the CSV import) live apart, so that no sync of the file loses them.
  const extra = await db.select({ stationId: stationAliases.stationId, alias: stationAliases.alias }).from(stationAliases).orderBy(asc(stationAliases.id));
  const byStation = new Map(rows.map((r) => [r.id, r]));
  for (const e of extra) {
    const row = byStation.get(e.stationId);
    if (row && !row.aliases.includes(e.alias)) row.aliases = [...row.aliases, e.alias];
  }
  return createStationTree(rows, file ? codesOf(file) : undefined);
}

/**
 * The tree of a stations file without a database, ids numbered as a fresh database gets them from
 * `syncStations` (level by level, file order within a level), for pure uses: flow tests, tools.
 */
export function stationTreeOf(root: StationNode): StationTree {
  const rows: StationRow[] = [];
  let level: { node: StationNode; parentId: number | null }[] = [{ node: root, parentId: null }];
  while (level.length > 0) {
    const next: typeof level = [];
    for (const { node, parentId } of level) {
      const id = rows.length + 1;
      rows.push({ id, code: node.code, name: node.name, level: node.level, parentId, aliases: node.aliases ?? [] });
      for (const c of node.children ?? []) next.push({ node: c, parentId: id });
    }
    level = next;
  }
  return createStationTree(rows);
}
