// npm start: runs lianxin from an up-to-date bundle of the sources (see build.mjs); from the sources
// through tsx when the bundle cannot be built here (e.g. node_modules is read-only) — slower to start.
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from './build.mjs';

let entry = null;
try {
  ({ entry } = await ensureBuilt());
} catch (err) {
  process.stderr.write(`lianxin: could not build the start bundle (${err instanceof Error ? err.message : String(err)}); running the sources with tsx\n`);
}
if (entry) {
  // Stack frames name the bundle's functions; NODE_OPTIONS=--enable-source-maps maps them to the
  // sources (it is left off by default: it parses every loaded package's source map at start).
  const { run } = await import(pathToFileURL(entry).href);
  run();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { run } = await import('../src/main.ts');
  run();
}
