import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { count, eq, sql } from 'drizzle-orm';
import { type Db, lockKey } from '../../db/client.js';
import { appMeta, catalogueClasses, catalogueItems, stations } from '../../db/schema.js';
import { SetupError } from '../core/errors.js';
import { loadCatalogue } from './catalogue/load.js';
import type { Catalogue } from './catalogue/types.js';
import { loadStations } from './stations/load.js';
import type { StationNode } from './stations/types.js';

// === Catalogue and stations: read from JSON files, mirrored into the database at start

export const DEFAULT_CATALOGUE_FILE = fileURLToPath(new URL('../../db/seed/catalogue.json', import.meta.url));
export const DEFAULT_STATIONS_FILE = fileURLToPath(new URL('../../db/seed/stations.json', import.meta.url));

/** Reads and loads a reference file; a file that cannot be read or does not load is a `SetupError` naming it. */
function readReferenceFile<T>(file: string, what: string, load: (json: unknown) => T): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SetupError(`Cannot read the ${what} file ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return load(json);
  } catch (err) {
    throw new SetupError(`The ${what} file ${file} is not valid: ${(err as Error).message}`, { cause: err });
  }
}

export function readCatalogueFile(file = DEFAULT_CATALOGUE_FILE): Catalogue {
  return readReferenceFile(file, 'catalogue', loadCatalogue);
}

export function readStationsFile(file = DEFAULT_STATIONS_FILE): StationNode {
  return readReferenceFile(file, 'stations', loadStations);
}

/** Makes the database catalogue equal to `catalogue` (items no longer listed are removed). */
export async function syncCatalogue(db: Db, catalogue: Catalogue): Promise<void> {
  await db.transaction((tx) => writeCatalogue(tx as unknown as Db, catalogue));
}

/** Adds and updates stations from the tree (stations are never deleted: requests refer to them). */
export async function syncStations(db: Db, root: StationNode): Promise<void> {
  await db.transaction((tx) => writeStations(tx as unknown as Db, root));
}

async function writeCatalogue(tx: Db, catalogue: Catalogue): Promise<void> {
  for (const [ci, cls] of catalogue.classes.entries()) {
    await tx
      .insert(catalogueClasses)
      .values({ code: cls.code, name: cls.name, position: ci })
      .onConflictDoUpdate({ target: catalogueClasses.code, set: { name: cls.name, position: ci } });
    for (const [ii, item] of cls.items.entries()) {
      const values = { classCode: cls.code, name: item.name, keywords: item.keywords, position: ii };
      await tx
        .insert(catalogueItems)
        .values({ code: item.code, ...values })
        .onConflictDoUpdate({ target: catalogueItems.code, set: values });
    }
  }
  const itemCodes = catalogue.classes.flatMap((c) => c.items.map((i) => i.code));
  const classCodes = catalogue.classes.map((c) => c.code);
  await tx.delete(catalogueItems).where(sql`${catalogueItems.code} not in ${itemCodes}`);
  await tx.delete(catalogueClasses).where(sql`${catalogueClasses.code} not in ${classCodes}`);
}

/** Rows per multi-row insert: ~1,300 stations of a city are a handful of statements, not 1,300. */
const STATION_BATCH = 500;

async function writeStations(tx: Db, root: StationNode): Promise<void> {
  // Level by level, so each parent's id is known before its children are written; siblings keep file order.
  let level: { node: StationNode; parentCode: string | null }[] = [{ node: root, parentCode: null }];
  const ids = new Map<string, number>();
  while (level.length > 0) {
    for (let i = 0; i < level.length; i += STATION_BATCH) {
      const rows = level.slice(i, i + STATION_BATCH).map(({ node, parentCode }) => ({
        code: node.code,
        name: node.name,
        level: node.level,
        parentId: parentCode === null ? null : ids.get(parentCode)!,
        aliases: node.aliases ?? [],
      }));
      const written = await tx
        .insert(stations)
        .values(rows)
        .onConflictDoUpdate({
          target: stations.code,
          set: { name: sql`excluded.name`, level: sql`excluded.level`, parentId: sql`excluded.parent_id`, aliases: sql`excluded.aliases` },
        })
        .returning({ id: stations.id, code: stations.code });
      for (const w of written) ids.set(w.code, w.id);
    }
    level = level.flatMap(({ node }) => (node.children ?? []).map((child) => ({ node: child, parentCode: node.code })));
  }
}

// === At start: sync only what changed

/** Bump when the sync itself changes, so that every database is synced again once. */
const SYNC_VERSION = 1;
const CATALOGUE_KEY = 'reference.catalogue.hash';
const STATIONS_KEY = 'reference.stations.hash';

function hashOf(value: unknown): string {
  return createHash('sha256')
    .update(`${SYNC_VERSION}\n${JSON.stringify(value)}`)
    .digest('hex');
}

function stationCount(node: StationNode): number {
  return 1 + (node.children ?? []).reduce((n, c) => n + stationCount(c), 0);
}

/**
 * Mirrors the catalogue and the station tree into the database, each only when it differs from what
 * was last synced (a hash kept in `app_meta`, written in the same transaction as the sync) or when
 * its tables no longer hold as many rows as the file has. Returns what was synced.
 */
export async function syncReferenceData(db: Db, catalogue: Catalogue, root: StationNode): Promise<{ catalogue: boolean; stations: boolean }> {
  const itemTotal = catalogue.classes.reduce((n, c) => n + c.items.length, 0);
  const parts = [
    {
      key: CATALOGUE_KEY,
      hash: hashOf(catalogue),
      intact: async (tx: Db) => (await tx.select({ n: count() }).from(catalogueItems))[0]!.n === itemTotal,
      write: (tx: Db) => writeCatalogue(tx, catalogue),
    },
    {
      key: STATIONS_KEY,
      hash: hashOf(root),
      intact: async (tx: Db) => (await tx.select({ n: count() }).from(stations))[0]!.n >= stationCount(root),
      write: (tx: Db) => writeStations(tx, root),
    },
  ];
  const synced: boolean[] = [];
  for (const part of parts) {
    const current = async (tx: Db) => {
      const [stored] = await tx.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, part.key));
      return stored?.value === part.hash && (await part.intact(tx));
    };
    if (await current(db)) {
      synced.push(false);
      continue;
    }
    // Several instances may start at once: one syncs, the others wait for its lock and find it done.
    synced.push(
      await db.transaction(async (t) => {
        const tx = t as unknown as Db;
        await lockKey(tx, part.key);
        if (await current(tx)) return false;
        await part.write(tx);
        await tx
          .insert(appMeta)
          .values({ key: part.key, value: part.hash })
          .onConflictDoUpdate({ target: appMeta.key, set: { value: part.hash, updatedAt: sql`now()` } });
        return true;
      }),
    );
  }
  return { catalogue: synced[0]!, stations: synced[1]! };
}
