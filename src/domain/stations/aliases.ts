import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { stationAliases } from '../../../db/schema.js';
import { csvFields } from './division.js';
import type { StationMatcher } from './matcher.js';
import type { StationTree } from './tree.js';

// === Aliases organizers add (estates, roads: 文昌小区 → 文昌社区): stored apart from the stations file

/** Longest alias accepted (a place name, not a sentence). */
const MAX_ALIAS_LENGTH = 30;

/** The alias as stored: trimmed, inner spaces removed; null when empty, too long or only punctuation. */
export function cleanAlias(text: string): string | null {
  const a = text.normalize('NFKC').replace(/\s+/g, '');
  if ([...a].length < 2 || [...a].length > MAX_ALIAS_LENGTH || !/[\p{L}\p{N}]/u.test(a)) return null;
  return a;
}

/**
 * Stores an alias for a station and adds it to the tree at once (the matchers see it on their next
 * look-up). False when the station already had it.
 */
export async function addStationAlias(db: Db, tree: StationTree, stationId: number, alias: string, addedBy: number | null, at: Date): Promise<boolean> {
  const inserted = await db
    .insert(stationAliases)
    .values({ stationId, alias, addedBy, addedAt: at })
    .onConflictDoNothing()
    .returning({ id: stationAliases.id });
  const known = tree.byId(stationId)?.aliases.includes(alias) ?? false;
  tree.addAlias(stationId, alias);
  return inserted.length > 0 && !known;
}

/** Removes an organizer's alias from a station (the stations file's own cannot be removed here). False when there was none. */
export async function removeStationAlias(db: Db, tree: StationTree, stationId: number, alias: string): Promise<boolean> {
  const removed = await db
    .delete(stationAliases)
    .where(and(eq(stationAliases.stationId, stationId), eq(stationAliases.alias, alias)))
    .returning({ id: stationAliases.id });
  if (removed.length === 0) return false;
  tree.removeAlias(stationId, alias);
  return true;
}

// === Many at once: a CSV of station (code or name) and alias

/** What an alias CSV did, line by line where it could not. */
export interface AliasImport {
  added: number;
  known: number;
  /** Lines not taken, with why (1-based line numbers). */
  refused: { line: number; why: string }[];
}

/**
 * Adds the aliases of a CSV (`站点编号或名称,别名` per line; a header line is skipped). A station
 * is named by its code, or by a name, short form or alias that fits exactly one station.
 */
export async function importAliases(db: Db, tree: StationTree, matcher: StationMatcher, csv: string, at: Date): Promise<AliasImport> {
  const result: AliasImport = { added: 0, known: 0, refused: [] };
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const [stationText = '', aliasText = ''] = csvFields(line).map((f) => f.trim());
    if (i === 0 && /^(code|station|站点|站点编号|编号|名称)/i.test(stationText) && /^(alias|别名)/i.test(aliasText)) continue;
    const alias = cleanAlias(aliasText);
    if (!alias) {
      result.refused.push({ line: i + 1, why: `别名“${aliasText}”要 2 到 ${MAX_ALIAS_LENGTH} 个字` });
      continue;
    }
    const { named, guesses } = matcher.matchStations(stationText);
    if (named.length !== 1) {
      const why =
        named.length > 1
          ? `“${stationText}”有 ${named.length} 个同名站点，请用编号（${named.map((s) => s.code).join('、')}）`
          : `没有找到站点“${stationText}”${guesses[0] ? `，最接近的是 ${guesses[0].name}（${guesses[0].code}）` : ''}`;
      result.refused.push({ line: i + 1, why });
      continue;
    }
    if (await addStationAlias(db, tree, named[0]!.id, alias, null, at)) result.added++;
    else result.known++;
  }
  return result;
}
