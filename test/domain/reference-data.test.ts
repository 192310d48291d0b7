import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { appMeta, catalogueItems, stations } from '../../db/schema.js';
import type { Catalogue } from '../../src/domain/catalogue/types.js';
import { SetupError } from '../../src/core/errors.js';
import { readCatalogueFile, readStationsFile, syncReferenceData } from '../../src/domain/reference-data.js';
import type { StationNode } from '../../src/domain/stations/types.js';
import { describeDb } from '../support/db.js';
import { readDemoStations } from '../support/stations.js';

const copy = <T>(v: T): T => structuredClone(v);

describeDb('reference data at start', (ctx) => {
  const catalogue = readCatalogueFile();
  const tree = readDemoStations();
  const itemName = async (code: string) =>
    (await ctx.database.db.select({ name: catalogueItems.name }).from(catalogueItems).where(eq(catalogueItems.code, code)))[0]?.name;

  it('syncs once, then skips while neither file changed', async () => {
    // The test template was seeded without a stored hash: the first start syncs.
    expect(await syncReferenceData(ctx.database.db, catalogue, tree)).toEqual({ catalogue: true, stations: true });
    const meta = await ctx.database.db.select().from(appMeta);
    expect(meta.map((m) => m.key).sort()).toEqual(['reference.catalogue.hash', 'reference.stations.hash']);
    expect(await syncReferenceData(ctx.database.db, catalogue, tree)).toEqual({ catalogue: false, stations: false });
    // Parsed again from the same files: still nothing to do.
    expect(await syncReferenceData(ctx.database.db, readCatalogueFile(), readDemoStations())).toEqual({ catalogue: false, stations: false });
  });

  it('syncs a changed catalogue: renamed, added and removed items', async () => {
    const changed: Catalogue = copy(catalogue);
    const first = changed.classes[0]!;
    first.items[0] = { ...first.items[0]!, name: '家电修理' };
    first.items.push({ code: 'bench-new-item', name: '新服务', keywords: ['新服务'] });
    const removed = changed.classes[1]!.items.pop()!;
    expect(await syncReferenceData(ctx.database.db, changed, tree)).toEqual({ catalogue: true, stations: false });
    expect(await itemName(first.items[0]!.code)).toBe('家电修理');
    expect(await itemName('bench-new-item')).toBe('新服务');
    expect(await itemName(removed.code)).toBeUndefined();
    expect(await syncReferenceData(ctx.database.db, changed, tree)).toEqual({ catalogue: false, stations: false });

    // Back to the file as shipped.
    expect(await syncReferenceData(ctx.database.db, catalogue, tree)).toEqual({ catalogue: true, stations: false });
    expect(await itemName(catalogue.classes[0]!.items[0]!.code)).toBe(catalogue.classes[0]!.items[0]!.name);
    expect(await itemName('bench-new-item')).toBeUndefined();
  });

  it('syncs a changed station tree', async () => {
    const changed: StationNode = copy(tree);
    const county = changed.children![0]!;
    county.name = '南湖区服务总站';
    county.children!.push({ code: 'nanhu-test-town', name: '测试街道分站', level: 'town' });
    expect(await syncReferenceData(ctx.database.db, catalogue, changed)).toEqual({ catalogue: false, stations: true });
    const rows = await ctx.database.db.select({ code: stations.code, name: stations.name }).from(stations);
    expect(rows).toContainEqual({ code: county.code, name: '南湖区服务总站' });
    expect(rows).toContainEqual({ code: 'nanhu-test-town', name: '测试街道分站' });
    expect(await syncReferenceData(ctx.database.db, catalogue, tree)).toEqual({ catalogue: false, stations: true });
  });

  it('syncs again when the tables lost rows although the stored hash matches', async () => {
    expect(await syncReferenceData(ctx.database.db, catalogue, tree)).toEqual({ catalogue: false, stations: false });
    const code = catalogue.classes[2]!.items[0]!.code;
    await ctx.database.db.delete(catalogueItems).where(eq(catalogueItems.code, code));
    expect(await syncReferenceData(ctx.database.db, catalogue, tree)).toEqual({ catalogue: true, stations: false });
    expect(await itemName(code)).toBe(catalogue.classes[2]!.items[0]!.name);
  });
});

it('a stations or catalogue file that does not load is a SetupError naming the file and its every problem', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-reference-'));
  try {
    const file = path.join(dir, 'stations.json');
    writeFileSync(file, JSON.stringify({ code: 'jx', name: '', level: 'city', children: [{ code: 'x', level: 'moon' }] }));
    const stations = (() => {
      try {
        readStationsFile(file);
      } catch (e) {
        return e;
      }
    })();
    expect(stations).toBeInstanceOf(SetupError);
    expect((stations as Error).message.startsWith(`The stations file ${file} is not valid: Invalid stations:`)).toBe(true);
    expect((stations as Error).message).toContain('"name"');
    expect((stations as Error).message).toContain('"level"');
    writeFileSync(file, '{ not json');
    expect(() => readCatalogueFile(file)).toThrow(SetupError);
    expect(() => readCatalogueFile(file)).toThrow(`Cannot read the catalogue file ${file}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
