import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// === A new PGlite data folder copied from a template instead of initdb and every migration
//
// initdb is most of a first start on a new data folder (seconds). The first new folder on a machine
// is made the usual way and, right after its migrations and before anything else is written to it,
// closed and copied as the template; later new folders start as a copy of it (a file copy, ~0.1 s)
// and open like a folder used before. The template holds nothing but the empty schema, and is used
// only by the same PGlite version with the same migrations.

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
  for (const file of readdirSync(migrationsFolder)
    .filter((f) => f.endsWith('.sql'))
    .sort())
    hash.update(file).update(readFileSync(path.join(migrationsFolder, file)));
  hash.update(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json')));
  const key = hash.digest('hex').slice(0, 16);
  keys.set(migrationsFolder, key);
  return key;
}

/** The template folder for `key` in `dir`. */
export const templatePath = (dir: string, key: string) => path.join(dir, `pglite-template-${key}`);

/** A data folder that does not exist yet or is empty: PGlite would run initdb in it. */
export function isNewDataDir(dataDir: string): boolean {
  return !existsSync(dataDir) || readdirSync(dataDir).length === 0;
}

/** Makes the new `dataDir` a copy of the template; false when there is none (or copying failed). */
export function copyTemplate(dir: string, key: string, dataDir: string): boolean {
  const template = templatePath(dir, key);
  if (!existsSync(path.join(template, 'PG_VERSION'))) return false;
  try {
    cpSync(template, dataDir, { recursive: true });
    return true;
  } catch {
    rmSync(dataDir, { recursive: true, force: true });
    return false;
  }
}

/** Forgets a template that did not open. */
export function dropTemplate(dir: string, key: string): void {
  rmSync(templatePath(dir, key), { recursive: true, force: true });
}

/**
 * Copies the closed data folder `dataDir` as the template for `key` (concurrent writers are harmless:
 * the first complete copy stays), and removes templates of other versions or migrations.
 */
export function saveTemplate(dataDir: string, dir: string, key: string): void {
  const target = templatePath(dir, key);
  const tmp = `${target}.${process.pid}.tmp`;
  mkdirSync(dir, { recursive: true });
  rmSync(tmp, { recursive: true, force: true });
  cpSync(dataDir, tmp, { recursive: true });
  try {
    renameSync(tmp, target);
  } catch {
    rmSync(tmp, { recursive: true, force: true });
  }
  for (const name of readdirSync(dir)) {
    if (name.startsWith('pglite-template-') && path.join(dir, name) !== target && !name.endsWith('.tmp'))
      rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}
