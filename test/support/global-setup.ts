import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../db/client.js';
import { readCatalogueFile, syncCatalogue, syncStations } from '../../src/domain/reference-data.js';
import { ensureBuilt } from '../../scripts/build.mjs';
import { readDemoStations } from './stations.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data dir (tar) with migrations and reference data applied. */
    pgliteTemplate: string;
    /** Name of a PostgreSQL template database with migrations and reference data, when DATABASE_URL is set. */
    postgresTemplate: string | null;
  }
}

/** Migrates and seeds once per run: a PGlite tarball, and a PostgreSQL template database. */
export default async function setup(project: TestProject) {
  // The bundle that `npm start` and `npm run <cli>` run (the stories start them): built once here,
  // not by several programs started at the same moment.
  await ensureBuilt();
  const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-test-'));
  const pg = new PGlite();
  const database = await openDatabase({ kind: 'pglite', client: pg });
  await syncCatalogue(database.db, readCatalogueFile());
  await syncStations(database.db, readDemoStations());
  const file = path.join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer()));
  await pg.close();
  project.provide('pgliteTemplate', file);

  let pgTemplate: string | null = null;
  const url = process.env.DATABASE_URL;
  if (url) {
    pgTemplate = `lianxin_tpl_${process.pid}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${pgTemplate}`);
    await admin.unsafe(`create database ${pgTemplate}`);
    const tplUrl = withDatabase(url, pgTemplate);
    const tpl = await openDatabase({ kind: 'postgres', url: tplUrl, maxConnections: 1 });
    await syncCatalogue(tpl.db, readCatalogueFile());
    await syncStations(tpl.db, readDemoStations());
    await tpl.close();
    await admin.end();
  }
  project.provide('postgresTemplate', pgTemplate);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url && pgTemplate) {
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${pgTemplate} with (force)`);
      await admin.end();
    }
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
