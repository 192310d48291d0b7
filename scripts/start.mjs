// npm start: runs lianxin from an up-to-date bundle of the sources (see build.mjs); from the sources
// through tsx when the bundle cannot be built here (e.g. node_modules is read-only) — slower to start.
// Stack frames name the bundle's functions; NODE_OPTIONS=--enable-source-maps maps them to the sources
// (it is left off by default: it parses every loaded package's source map at start).
import { importBuilt } from './build.mjs';

const { run } = await importBuilt('main', '../src/main.ts');
run();
