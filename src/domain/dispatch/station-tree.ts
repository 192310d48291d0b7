import type { Db } from '../../../db/client.js';
import { stations } from '../../../db/schema.js';

/** Stations as loaded from the database once at start: ids, names and the parent chain. */
export interface StationTree {
  byId(id: number): { id: number; code: string; name: string; level: string; parentId: number | null } | undefined;
  byCode(code: string): { id: number; code: string; name: string; level: string; parentId: number | null } | undefined;
  /** The station and its ancestors up to the city, the station first. */
  chain(id: number): number[];
  /** The stations at or below any of the given stations. */
  under(stationIds: number[]): number[];
  /** The id of the top station (the city centre). */
  root(): number;
  /** Looks up a typed station name or code (exact code, name or alias). */
  find(text: string): { id: number; code: string; name: string } | undefined;
}

export async function loadStationTree(db: Db): Promise<StationTree> {
  const rows = await db.select().from(stations);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const chain = (id: number): number[] => {
    const out: number[] = [];
    for (let s = byId.get(id); s && !out.includes(s.id); s = s.parentId ? byId.get(s.parentId) : undefined) out.push(s.id);
    return out;
  };
  return {
    byId: (id) => byId.get(id),
    byCode: (code) => byCode.get(code),
    chain,
    under(ids) {
      return rows.filter((r) => chain(r.id).some((a) => ids.includes(a))).map((r) => r.id);
    },
    root: () => (rows.find((r) => r.parentId === null) ?? rows[0])!.id,
    find(text) {
      const t = text.trim();
      return byCode.get(t) ?? rows.find((r) => r.name === t || r.aliases.includes(t)) ?? rows.find((r) => r.name.startsWith(t) && t.length >= 2);
    },
  };
}
