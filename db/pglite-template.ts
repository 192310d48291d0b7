import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync, gzip } from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';

// === A new PGlite data folder from a template instead of initdb and every migration
//
// initdb is most of a first start on a new data folder (seconds). The first new folder on a machine
// is made the usual way and, right after its migrations and before anything else is written to it,
// copied as a template; later new folders start from that copy. The template holds nothing but the
// empty schema, and is used only by the same PGlite version and the same migrations.

/** Where templates are kept by default: the project's tool cache (ignored by git, gone with node_modules). */
export const defaultTemplateDir = fileURLToPath(new URL('../node_modules/.cache/lianxin', import.meta.url));

const keys = new Map<string, string>();

/** Changes with the PGlite version and with any migration. */
export function templateKey(migrationsFolder: string): string {
  const known = keys.get(migrationsFolder);
  if (known) return known;
  const require = createRequire(import.meta.url);
  const pkg = path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const hash = createHash('sha1').update(JSON.parse(readFileSync(pkg, 'utf8')).version as string);
  for (const file of readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort()) hash.update(file).update(readFileSync(path.join(migrationsFolder, file)));
  hash.update(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json')));
  const key = hash.digest('hex').slice(0, 16);
  keys.set(migrationsFolder, key);
  return key;
}

const templateFile = (dir: string, key: string) => path.join(dir, `pglite-template-${key}.tar.gz`);

/** A data folder that does not exist yet or is empty: PGlite would run initdb in it. */
export function isNewDataDir(dataDir: string): boolean {
  return !existsSync(dataDir) || readdirSync(dataDir).length === 0;
}

/** The template's contents (an uncompressed tar) for `key`, or null when there is none. */
export function readTemplate(dir: string, key: string): Blob | null {
  const file = templateFile(dir, key);
  if (!existsSync(file)) return null;
  try {
    return new Blob([gunzipSync(readFileSync(file))]);
  } catch {
    rmSync(file, { force: true });
    return null;
  }
}

/**
 * Copies `client`'s data folder (after a checkpoint, so that a copy starts without recovery). Await it
 * before anything else is written: the copy must hold nothing but the schema.
 */
export async function copyDataDir(client: PGlite): Promise<Buffer> {
  await client.exec('CHECKPOINT');
  return Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer());
}

/** Saves a copy as the template for `key` (concurrent writers are harmless: the last rename wins). */
export async function saveTemplate(tar: Buffer, dir: string, key: string): Promise<void> {
  const file = templateFile(dir, key);
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, await promisify(gzip)(tar, { level: 1 }));
  renameSync(tmp, file);
  // Templates of other PGlite versions or migrations are of no further use.
  for (const name of readdirSync(dir)) {
    if (/^pglite-template-.*\.tar\.gz$/.test(name) && path.join(dir, name) !== file) rmSync(path.join(dir, name), { force: true });
  }
}
