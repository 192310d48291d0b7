// Builds src/main.ts into one ES module bundle (plus lazily loaded chunks) for `npm start`, so a
// start does not transpile ~60 TypeScript files through a loader hook: the bundle is rebuilt only
// when a source it was built from changed (content hashes), which costs ~0.2 s; otherwise a check
// of a few milliseconds. Tests and `tsx` keep running the sources directly.
//
//   node scripts/build.mjs      builds if needed and prints where the bundle is
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
/** Bump when the build options change. */
const BUILD_VERSION = 2;

const sha1 = (data) => createHash('sha1').update(data).digest('hex');

const stampFile = (cacheDir) => path.join(cacheDir, 'build.json');

function readStamp({ root, cacheDir }) {
  try {
    const stamp = JSON.parse(readFileSync(stampFile(cacheDir), 'utf8'));
    return stamp.version === BUILD_VERSION && stamp.root === root ? stamp : null;
  } catch {
    return null;
  }
}

/** The bundle's entry when every source it was built from is unchanged, else null. */
function current({ root, cacheDir }, stamp) {
  if (!stamp) return null;
  const entry = path.join(cacheDir, stamp.dir, 'main.js');
  if (!existsSync(entry)) return null;
  for (const [file, hash] of Object.entries(stamp.inputs)) {
    try {
      if (sha1(readFileSync(path.join(root, file))) !== hash) return null;
    } catch {
      return null;
    }
  }
  return entry;
}

/**
 * Sources keep their own location in `import.meta.url` (files next to them, such as migrations and
 * seed data, are found as when run from the sources).
 */
const keepImportMetaUrl = {
  name: 'keep-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const contents = source.includes('import.meta.url') ? source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)) : source;
      return { contents, loader: 'ts' };
    });
  },
};

async function build({ root, cacheDir }) {
  // esbuild comes with tsx (a dependency), so nothing more is installed for this.
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx'))('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  const tmp = path.join(cacheDir, `tmp-${process.pid}-${Date.now()}`);
  const result = await esbuild.build({
    absWorkingDir: root,
    // The program, and the operators' command lines (scripts/cli.mjs), sharing their chunks.
    entryPoints: { main: 'src/main.ts', cli: 'src/cli/programs.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    keepNames: true,
    sourcemap: 'linked',
    outdir: tmp,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'error',
    plugins: [keepImportMetaUrl],
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) inputs[file] = sha1(readFileSync(path.join(root, file)));
  const dir = `app-${sha1(JSON.stringify(inputs)).slice(0, 12)}`;
  const target = path.join(cacheDir, dir);
  try {
    renameSync(tmp, target);
  } catch (err) {
    // Built by another start at the same time (same sources, same bundle).
    if (!existsSync(target)) throw err;
    rmSync(tmp, { recursive: true, force: true });
  }
  writeFileSync(`${stampFile(cacheDir)}.${process.pid}`, JSON.stringify({ version: BUILD_VERSION, root, dir, inputs }));
  renameSync(`${stampFile(cacheDir)}.${process.pid}`, stampFile(cacheDir));
  // Earlier builds go once they are an hour old (a process started from one may still load a chunk).
  for (const name of readdirSync(cacheDir)) {
    if (name === dir || !/^(app|tmp)-/.test(name)) continue;
    const full = path.join(cacheDir, name);
    if (Date.now() - statSync(full).mtimeMs > 3_600_000) rmSync(full, { recursive: true, force: true });
  }
  return path.join(target, 'main.js');
}

/**
 * Path of an up-to-date bundle of `root`/src/main.ts (this project by default), building it first
 * when a source changed; `built` says whether it was built now.
 */
export async function ensureBuilt({ root = projectRoot, cacheDir = path.join(root, 'node_modules', '.cache', 'lianxin') } = {}) {
  const where = { root, cacheDir };
  const entry = current(where, readStamp(where));
  return entry ? { entry, built: false } : { entry: await build(where), built: true };
}

/**
 * The bundle's module `name` (`main`: the program, `cli`: the operators' command lines), built first when
 * a source changed; where the bundle cannot be built (e.g. node_modules is read-only), the module's
 * `source` (relative to scripts/) through tsx — slower to start.
 */
export async function importBuilt(name, source) {
  let entry = null;
  try {
    ({ entry } = await ensureBuilt());
  } catch (err) {
    process.stderr.write(`lianxin: could not build the start bundle (${err instanceof Error ? err.message : String(err)}); running the sources with tsx\n`);
  }
  if (entry) return import(pathToFileURL(path.join(path.dirname(entry), `${name}.js`)).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(new URL(source, import.meta.url).href);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const started = performance.now();
  const { entry, built } = await ensureBuilt();
  process.stdout.write(`${path.relative(projectRoot, entry)}: ${built ? 'built' : 'up to date'} (${(performance.now() - started).toFixed(0)} ms)\n`);
}
