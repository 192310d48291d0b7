import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, migrationsFolder, openDatabase } from '../../db/client.js';
import { templateKey, templatePath } from '../../db/pglite-template.js';
import { LONG_MS } from '../support/patience.js';

// A new PGlite data folder starts from a template of the migrated, empty schema instead of initdb.

const base = mkdtempSync(path.join(tmpdir(), 'lianxin-template-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const dir = (name: string) => path.join(base, name);

async function tables(database: Database): Promise<string[]> {
  const rows = await database.db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`);
  const list = (Array.isArray(rows) ? rows : (rows as unknown as { rows: { name: string }[] }).rows) as { name: string }[];
  return list.map((r) => r.name);
}

describe('PGlite data folder template', () => {
  it('is saved by the first new folder, with nothing but the schema in it', { timeout: LONG_MS }, async () => {
    const templates = dir('t1');
    const first = await openDatabase({ kind: 'pglite', dataDir: dir('first/data'), templateDir: templates });
    // Written after the template was taken: must not be in it.
    await first.db.execute(sql`create table written_later (x int)`);
    await first.close();
    const saved = readdirSync(templates).filter((f) => f.startsWith('pglite-template-'));
    expect(saved).toEqual([`pglite-template-${templateKey(migrationsFolder)}`]);

    const second = await openDatabase({ kind: 'pglite', dataDir: dir('second/data'), templateDir: templates });
    const names = await tables(second);
    expect(names).toContain('app_meta');
    expect(names).toContain('outbox');
    expect(names).not.toContain('written_later');
    await second.close();
  });

  it('is what a new folder starts from, and that folder opens again later', { timeout: LONG_MS }, async () => {
    // A marker table put into the template proves the folder came from it (initdb would not make one).
    const templates = dir('t2');
    cpSync(dir('t1'), templates, { recursive: true });
    const client = new PGlite(templatePath(templates, templateKey(migrationsFolder)));
    await client.exec('create table from_template (x int)');
    await client.close();

    const opened = await openDatabase({ kind: 'pglite', dataDir: dir('third/data'), templateDir: templates });
    expect(await tables(opened)).toContain('from_template');
    await opened.db.execute(sql`insert into from_template values (7)`);
    await opened.close();
    const reopened = await openDatabase({ kind: 'pglite', dataDir: dir('third/data'), templateDir: templates });
    const rows = await reopened.db.execute(sql`select x from from_template`);
    expect(JSON.stringify(rows)).toContain('7');
    await reopened.close();
  });

  it('is not used by a folder that already holds a database, nor with other migrations', { timeout: LONG_MS }, async () => {
    const templates = dir('t2');
    const opened = await openDatabase({ kind: 'pglite', dataDir: dir('first/data'), templateDir: templates });
    expect(await tables(opened)).not.toContain('from_template');
    await opened.close();

    const otherMigrations = dir('migrations');
    cpSync(migrationsFolder, otherMigrations, { recursive: true });
    writeFileSync(path.join(otherMigrations, '0999_more.sql'), 'select 1;');
    expect(templateKey(otherMigrations)).not.toBe(templateKey(migrationsFolder));
    const opened2 = await openDatabase({ kind: 'pglite', dataDir: dir('fifth/data'), templateDir: templates });
    expect(await tables(opened2)).toContain('from_template');
    await opened2.close();
  });

  it('when damaged, is replaced, and the new folder is made the usual way', { timeout: LONG_MS }, async () => {
    const templates = dir('t3');
    const template = templatePath(templates, templateKey(migrationsFolder));
    cpSync(dir('t2'), templates, { recursive: true });
    // The catalog is gone: PGlite cannot open a copy of this.
    rmSync(path.join(template, 'global'), { recursive: true });
    writeFileSync(path.join(template, 'global'), 'damaged');
    const opened = await openDatabase({ kind: 'pglite', dataDir: dir('fourth/data'), templateDir: templates });
    const names = await tables(opened);
    expect(names).toContain('outbox');
    expect(names).not.toContain('from_template');
    await opened.close();
    // Replaced by a good one, made from this folder.
    expect(existsSync(path.join(template, 'global', 'pg_control'))).toBe(true);
    const again = await openDatabase({ kind: 'pglite', dataDir: dir('sixth/data'), templateDir: templates });
    expect(await tables(again)).toContain('outbox');
    await again.close();
  });

  it('opens with a small shared buffer pool, new or used before (PostgreSQL’s 128 MB would all be resident)', { timeout: LONG_MS }, async () => {
    const pool = async (database: Database) => JSON.stringify(await database.db.execute(sql`show shared_buffers`));
    const fresh = await openDatabase({ kind: 'pglite', dataDir: dir('seventh/data'), templateDir: dir('t1') });
    expect(await pool(fresh)).toContain('"16MB"');
    await fresh.close();
    const used = await openDatabase({ kind: 'pglite', dataDir: dir('seventh/data'), templateDir: dir('t1') });
    expect(await pool(used)).toContain('"16MB"');
    await used.close();
  });
});
