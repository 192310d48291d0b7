import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type Database, openDatabase, type QueryListener } from '../../db/client.js';
import { withDatabase } from './global-setup.js';

export type Backend = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when DATABASE_URL is set. */
export const backends: Backend[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

let counter = 0;

/** A fresh, migrated and seeded database of the given kind, private to the caller. */
export async function openTestDatabase(kind: Backend, o: { onQuery?: QueryListener } = {}): Promise<Database> {
  if (kind === 'pglite') {
    const client = new PGlite({ loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    const database = await openDatabase({ kind: 'pglite', client, ...o });
    return { ...database, close: () => client.close() };
  }
  const url = process.env.DATABASE_URL!;
  const template = inject('postgresTemplate');
  if (!template) throw new Error('DATABASE_URL was set after the test run started');
  const name = `lianxin_t_${process.pid}_${++counter}_${Date.now() % 100000}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${template}`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url: withDatabase(url, name), maxConnections: 60, ...o });
  return {
    ...database,
    close: async () => {
      await database.close();
      const a = postgres(url, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/**
 * One suite, run on every backend: `describeDb('requests', (ctx) => { it(..., () => ctx.db …) })`.
 * The database is opened before the suite's tests and closed after them.
 */
export function describeDb(name: string, body: (ctx: { readonly database: Database; readonly backend: Backend }) => void) {
  describe.each(backends)(`${name} [%s]`, (backend) => {
    const ctx = {
      backend,
      database: undefined as unknown as Database,
    };
    beforeAll(async () => {
      ctx.database = await openTestDatabase(backend);
    });
    afterAll(async () => {
      await ctx.database?.close();
    });
    body(ctx);
  });
}

/**
 * A database URL for a program under test: a fresh PostgreSQL database from the template when
 * `backend` is postgres (dropped by `drop()`), or '' (PGlite in DATA_DIR) otherwise.
 */
export async function testDatabaseUrl(backend: Backend): Promise<{ url: string; drop: () => Promise<void> }> {
  if (backend === 'pglite') return { url: '', drop: async () => {} };
  const url = process.env.DATABASE_URL!;
  const name = `lianxin_app_${process.pid}_${++counter}_${Date.now() % 100000}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${inject('postgresTemplate')}`);
  await admin.end();
  return {
    url: withDatabase(url, name),
    drop: async () => {
      const a = postgres(url, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
