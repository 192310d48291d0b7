import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { type Database, openDatabase } from '../../db/client.js';
import { chatGroups, stations, volunteers } from '../../db/schema.js';
import { ensurePerson } from '../../src/domain/people/people.js';
import { readCatalogueFile, readStationsFile, syncReferenceData } from '../../src/domain/reference-data.js';

// === The databases the programs run on, and what is in them before they start

/** A database of the bench's own: a new PGlite folder, or a new database on the PostgreSQL server of DATABASE_URL. */
export interface BenchBackend {
  label: 'PGlite' | 'PostgreSQL';
  /** DATA_DIR or DATABASE_URL for the program. */
  env: Record<string, string>;
  url?: string;
  /** Opens it from the bench (PGlite: only while no program has it open). */
  open(): Promise<Database>;
  drop(): Promise<void>;
}

let made = 0;

export async function makeBackend(kind: 'pglite' | 'postgres'): Promise<BenchBackend> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-bench-db-'));
    const dataDir = path.join(dir, 'data');
    return {
      label: 'PGlite',
      env: { DATA_DIR: dataDir },
      open: () => openDatabase({ kind: 'pglite', dataDir }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const server = process.env.DATABASE_URL!;
  const name = `lianxin_bench_${process.pid}_${++made}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    label: 'PostgreSQL',
    env: { DATABASE_URL: url.toString() },
    url: url.toString(),
    open: () => openDatabase({ kind: 'postgres', url: url.toString(), maxConnections: 4 }),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The group the cards go to, and the community its residents name (运南社区, Jiaxing's stations). */
export const GROUP_CHAT = -1009000001;
export const COMMUNITY_CODE = '330402011015';
/** The volunteers' Telegram user ids: VOLUNTEER_BASE + 0 … n − 1. */
export const VOLUNTEER_BASE = 600_000;

/** Reference data as the program syncs it, a Telegram group bound to 运南社区, and `n` approved volunteers there. */
export async function seedDispatch(database: Database, n: number) {
  const { db } = database;
  await syncReferenceData(db, readCatalogueFile(), readStationsFile());
  const [station] = await db.select({ id: stations.id }).from(stations).where(eq(stations.code, COMMUNITY_CODE));
  await db
    .insert(chatGroups)
    .values({ channel: 'telegram', chatId: String(GROUP_CHAT), stationId: station!.id, skill: null, boundBy: 0 })
    .onConflictDoNothing();
  for (let i = 0; i < n; i++) {
    const person = await ensurePerson(db, 'telegram', String(VOLUNTEER_BASE + i), `志愿者${i}`);
    await db
      .insert(volunteers)
      .values({
        personId: person.id,
        name: `志愿者${i}`,
        phone: '13900000000',
        partyMember: true,
        skills: ['daily-life'],
        stationId: station!.id,
        availability: '随时',
        status: 'approved',
      })
      .onConflictDoNothing();
  }
}

/**
 * `n` requests of the past (2021 on, tickets of those days), done or cancelled, by n / 5 residents, each with
 * its two history rows, and an alert for one in ten: the history a city's hotline keeps after a few years.
 */
export async function seedHistory(database: Database, n: number) {
  const { db } = database;
  const cls = readCatalogueFile().classes[0]!;
  const [station] = await db.select({ id: stations.id }).from(stations).where(eq(stations.code, COMMUNITY_CODE));
  const residents = Math.ceil(n / 5);
  const [first] = (await rows(db, sql`select coalesce(max(id), 0) + 1 as id from people`)) as { id: number }[];
  await db.execute(sql`insert into people (display_name, phone) select '居民' || i, '138' || lpad(i::text, 8, '0') from generate_series(1, ${residents}) i`);
  await db.execute(sql`
    insert into requests (ticket, resident_id, channel, class_code, item_code, station_id, description, address, phone, wanted_time, status, chat_id, created_at, opened_at, updated_at)
    select to_char(date '2021-01-01' + (i / 9000), 'YYYYMMDD') || '-' || lpad((i % 9000 + 1)::text, 4, '0'),
           ${first!.id} + i % ${residents}, 'telegram', ${cls.code}, ${cls.items[0]!.code}, ${station!.id}, '电视坏了', '运南小区' || i || '号', '13800000000', '尽快',
           case when i % 20 = 0 then 'cancelled' else 'done' end, (700000 + i % ${residents})::text,
           timestamp '2021-01-01' + i * interval '15 minutes', timestamp '2021-01-01' + i * interval '15 minutes', timestamp '2021-01-01' + i * interval '15 minutes'
    from generate_series(0, ${n - 1}) i`);
  await db.execute(sql`
    insert into request_events (request_id, type, actor_id, at)
    select r.id, e.type, r.resident_id, r.created_at from requests r cross join (values ('created'), ('done')) e(type) where r.ticket < '2026'`);
  await db.execute(sql`
    insert into alerts (kind, person_id, request_id, conversation_key, created_at, handled_at)
    select 'emergency', r.resident_id, r.id, 'telegram:' || r.chat_id || ':' || r.chat_id, r.created_at, r.created_at from requests r where r.ticket < '2026' and r.id % 10 = 0`);
  await db.execute(sql`analyze`);
}

async function rows(db: Database['db'], query: ReturnType<typeof sql>): Promise<unknown[]> {
  const result = await db.execute(query);
  return Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows;
}
