import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { catalogueClasses, catalogueItems, stations } from '../../db/schema.js';
import { loadCatalogue } from './catalogue/load.js';
import type { Catalogue } from './catalogue/types.js';
import { loadStations } from './stations/load.js';
import type { StationNode } from './stations/types.js';

// === Catalogue and stations: read from JSON files, mirrored into the database at start

export const DEFAULT_CATALOGUE_FILE = fileURLToPath(new URL('../../db/seed/catalogue.json', import.meta.url));
export const DEFAULT_STATIONS_FILE = fileURLToPath(new URL('../../db/seed/stations.json', import.meta.url));

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read the ${what} file ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export function readCatalogueFile(file = DEFAULT_CATALOGUE_FILE): Catalogue {
  return loadCatalogue(readJson(file, 'catalogue'));
}

export function readStationsFile(file = DEFAULT_STATIONS_FILE): StationNode {
  return loadStations(readJson(file, 'stations'));
}

/** Makes the database catalogue equal to `catalogue` (items no longer listed are removed). */
export async function syncCatalogue(db: Db, catalogue: Catalogue): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [ci, cls] of catalogue.classes.entries()) {
      await tx
        .insert(catalogueClasses)
        .values({ code: cls.code, name: cls.name, position: ci })
        .onConflictDoUpdate({ target: catalogueClasses.code, set: { name: cls.name, position: ci } });
      for (const [ii, item] of cls.items.entries()) {
        const values = { classCode: cls.code, name: item.name, keywords: item.keywords, position: ii };
        await tx.insert(catalogueItems).values({ code: item.code, ...values }).onConflictDoUpdate({ target: catalogueItems.code, set: values });
      }
    }
    const itemCodes = catalogue.classes.flatMap((c) => c.items.map((i) => i.code));
    const classCodes = catalogue.classes.map((c) => c.code);
    await tx.delete(catalogueItems).where(sql`${catalogueItems.code} not in ${itemCodes}`);
    await tx.delete(catalogueClasses).where(sql`${catalogueClasses.code} not in ${classCodes}`);
  });
}

/** Adds and updates stations from the tree (stations are never deleted: requests refer to them). */
export async function syncStations(db: Db, root: StationNode): Promise<void> {
  await db.transaction(async (tx) => {
    const walk = async (node: StationNode, parentId: number | null) => {
      const values = { name: node.name, level: node.level, parentId, aliases: node.aliases ?? [] };
      const [row] = await tx
        .insert(stations)
        .values({ code: node.code, ...values })
        .onConflictDoUpdate({ target: stations.code, set: values })
        .returning({ id: stations.id });
      for (const child of node.children ?? []) await walk(child, row!.id);
    };
    await walk(root, null);
  });
}
