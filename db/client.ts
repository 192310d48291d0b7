import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { copyTemplate, defaultTemplateDir, dropTemplate, isNewDataDir, saveTemplate, templateKey } from './pglite-template.js';
import * as schema from './schema.js';

/** The one database type the code sees, whether PGlite or PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Database {
  db: Db;
  /** `pglite` (embedded, one connection) or `postgres` (a server, a pool). */
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for people: a folder or a redacted URL. */
  location: string;
  /** `LISTEN`s to a notification channel (every process on the database hears a committed `NOTIFY`); resolves with how to stop. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * Sees every statement sent (tests and the bench count them): its SQL and the connection it went on;
 * a transaction shows as `begin` … `commit` (or `rollback`) on one connection. PostgreSQL: the driver's
 * own hook; PGlite (one connection): drizzle's query log, and the client's transactions.
 */
export type QueryListener = (sql: string, connection: number) => void;

export type DatabaseOptions =
  | {
      kind: 'pglite';
      dataDir?: string;
      client?: PGlite;
      /** Where a new data folder's template is kept (see pglite-template.ts); null: always initdb. */
      templateDir?: string | null;
      onQuery?: QueryListener;
    }
  | { kind: 'postgres'; url: string; maxConnections?: number; onQuery?: QueryListener };

/** PGlite's shared buffer pool (PostgreSQL's `shared_buffers`) for a data folder it opens. */
export const PGLITE_SHARED_BUFFERS = '16MB';

/** Opens the database and applies the committed migrations (idempotent). */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    // Drivers are loaded only when used: less to load at start.
    const [{ default: postgres }, { drizzle: drizzlePostgres }, { migrate: migratePostgres }] = await Promise.all([
      import('postgres'),
      import('drizzle-orm/postgres-js'),
      import('drizzle-orm/postgres-js/migrator'),
    ]);
    const onQuery = options.onQuery;
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      ...(onQuery ? { debug: (connection: number, query: string) => onQuery(query, connection) } : {}),
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    // Several instances may start at once: one migrates, the others wait for its lock.
    const lock = postgres(options.url, { max: 1, onnotice: () => {} });
    try {
      await lock`select pg_advisory_lock(7403001)`;
      await migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder });
      await lock`select pg_advisory_unlock(7403001)`;
    } finally {
      await lock.end({ timeout: 5 });
    }
    return {
      db,
      kind: 'postgres',
      location: redactUrl(options.url),
      // postgres.js listens on a connection of its own, and listens again after reconnecting.
      listen: async (channel, onNotify) => (await client.listen(channel, onNotify)).unlisten,
      close: () => client.end({ timeout: 5 }),
    };
  }
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  // PostgreSQL's own default pool is 128 MB, all of it resident from the first moment (PGlite's memory
  // is WASM memory, touched as the pool is set up): a city's tables fit a small pool, and the files
  // below it stay in the operating system's cache.
  const pgliteOptions = { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`] };
  let client = options.client;
  const { dataDir } = options;
  const templateDir = options.templateDir === undefined ? defaultTemplateDir : options.templateDir;
  // A new data folder: copied from the template when there is one, else the template is made below.
  let makeTemplate: string | null = null;
  if (!client) {
    if (dataDir) mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
    const key = dataDir && templateDir && isNewDataDir(dataDir) ? templateKey(migrationsFolder) : null;
    if (key && templateDir && copyTemplate(templateDir, key, dataDir!)) {
      try {
        client = await PGlite.create(dataDir, pgliteOptions);
      } catch {
        // A damaged template: this folder was new, so it is emptied and made the usual way.
        dropTemplate(templateDir, key);
        rmSync(dataDir!, { recursive: true, force: true });
      }
    }
    if (!client) {
      client = new PGlite(dataDir, pgliteOptions);
      makeTemplate = key;
    }
  }
  await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
  if (makeTemplate && templateDir) {
    // Nothing but the schema is in the folder yet: closed, copied, opened again (once per machine).
    await client.close();
    try {
      saveTemplate(dataDir!, templateDir, makeTemplate);
    } catch {
      // Only slower starts of later new folders.
    }
    client = await PGlite.create(dataDir, pgliteOptions);
  }
  const owned = client;
  const onQuery = options.onQuery;
  if (onQuery) observeTransactions(owned, onQuery);
  const db = drizzlePglite(owned, { schema, ...(onQuery ? { logger: { logQuery: (query: string) => onQuery(query, 0) } } : {}) }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location: options.dataDir ? path.resolve(options.dataDir) : 'memory',
    listen: async (channel, onNotify) => {
      const stop = await owned.listen(channel, onNotify);
      return () => stop();
    },
    close: async () => {
      if (!options.client) await owned.close();
    },
  };
}

/** PGlite runs `BEGIN` and `COMMIT` itself, out of drizzle's sight: reported around its `transaction`. */
function observeTransactions(client: PGlite, onQuery: QueryListener): void {
  const transaction = client.transaction.bind(client);
  client.transaction = (fn) => {
    onQuery('begin', 0);
    // Reported as the work ends, right before PGlite commits (what a commit wakes runs after it).
    return transaction(async (tx) => {
      try {
        const result = await fn(tx);
        onQuery('commit', 0);
        return result;
      } catch (err) {
        onQuery('rollback', 0);
        throw err;
      }
    });
  };
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Takes a transaction-scoped lock on PostgreSQL (no-op need on PGlite: one connection). */
export async function lockKey(tx: Db, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}
