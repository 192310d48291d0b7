import { fileURLToPath } from 'node:url';
import { readStationsFile } from '../../src/domain/reference-data.js';

// === The demo station tree most tests use (small, made-up codes such as `nanhu-jianshe-wenchang`)

/**
 * The demo tree, the default seed of old: 1 city, 2 counties, 5 towns, 20 communities. Tests of
 * routing, roles and flows keep their meaning on it; tests of the real Jiaxing seed use `db/seed/stations.json`.
 */
export const DEMO_STATIONS_FILE = fileURLToPath(new URL('../fixtures/stations.demo.json', import.meta.url));

/** The demo tree, validated. */
export const readDemoStations = () => readStationsFile(DEMO_STATIONS_FILE);
