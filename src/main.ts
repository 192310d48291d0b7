import { existsSync } from 'node:fs';
import { openDatabase } from '../db/client.js';
import { createConsoleChannel, CONSOLE_CHANNEL } from './channels/console/console-channel.js';
import { ConfigError, createConfig } from './config.js';
import { createFlowRunner } from './core/flow-runner.js';
import { createOutboxDelivery } from './core/outbox.js';
import { safeError } from './core/privacy.js';
import { texts } from './core/texts.js';
import { createCatalogueMatcher } from './domain/catalogue/matcher.js';
import { readCatalogueFile, readStationsFile, syncCatalogue, syncStations } from './domain/reference-data.js';
import { createResidentFlow, residentFlowDeps } from './domain/resident-flow.js';
import { createStationDirectory } from './domain/stations/matcher.js';
import { createLogger } from './logger.js';

// === The one composition root

async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = createConfig(process.env);
  const interactive = Boolean(process.stdin.isTTY);
  const log = createLogger(config.logLevel ?? 'warn');

  const catalogue = readCatalogueFile(config.catalogueFile);
  const stationTree = readStationsFile(config.stationsFile);
  const database = await openDatabase(config.database);
  await syncCatalogue(database.db, catalogue);
  await syncStations(database.db, stationTree);
  log.info({ database: database.kind, location: database.location }, 'database ready');

  const flow = createResidentFlow(residentFlowDeps(catalogue, createCatalogueMatcher(catalogue), createStationDirectory(stationTree)));
  // eslint-disable-next-line prefer-const
  let runner: ReturnType<typeof createFlowRunner>;
  const consoleChannel = createConsoleChannel({
    input: process.stdin,
    output: process.stdout,
    interactive,
    handle: (msg) => runner.handle(msg),
  });
  const senders = { [CONSOLE_CHANNEL]: consoleChannel.sender };
  const delivery = createOutboxDelivery({ db: database.db, senders, log });
  runner = createFlowRunner({ db: database.db, flow, log, senders, deliver: () => delivery.deliverDue() });

  process.stdout.write(`${texts.consoleIntro(database.location)}\n`);
  await delivery.deliverDue();
  delivery.start();
  const shutdown = async () => {
    await delivery.stop();
    await database.close();
  };
  process.once('SIGTERM', () => void shutdown().then(() => process.exit(0)));
  await consoleChannel.run();
  await shutdown();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`lianxin could not start: ${JSON.stringify(safeError(err))}\n`);
    process.exit(1);
  },
);
