import type { Report } from '../report.js';
import { stamp } from './stats.js';
import { removeEchoProject } from './bots.js';
import type { Plan } from './plan.js';
import { renderUsers, type UserFigures } from './render.js';
import { type BackendFigures, runBackend } from './runs.js';
import { makeBackend, seedDispatch } from './seed.js';
import { measureStartup } from './startup.js';
import { measureStatements } from './statements.js';

// === What users feel: lianxin by `npm start` against the stand-ins, beside the bare echo bot, in one run

/** Runs every user-facing measure (PGlite; PostgreSQL too when DATABASE_URL is set) and adds their tables to `report`. */
export async function benchUsers(report: Report, plan: Plan) {
  try {
    process.stdout.write(`\n${stamp()}== start-up\n`);
    const startup = await measureStartup(plan);
    const backends: BackendFigures[] = [];
    let statements: UserFigures['statements'];
    for (const kind of process.env.DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const)) {
      const backend = await makeBackend(kind);
      try {
        process.stdout.write(`\n${stamp()}== ${backend.label}\n`);
        const database = await backend.open();
        await seedDispatch(database, plan.presses);
        await database.close();
        backends.push(await runBackend(plan, backend));
        if (kind === 'postgres') {
          const many = await measureStatements(backend, 1);
          const small = await makeBackend('postgres');
          try {
            const db = await small.open();
            await seedDispatch(db, 5);
            await db.close();
            statements = { few: await measureStatements(small, plan.quick ? 1 : 3), many };
          } finally {
            await small.drop();
          }
        }
      } finally {
        await backend.drop();
      }
    }
    renderUsers(report, { startup, backends, statements }, plan);
  } finally {
    removeEchoProject();
  }
}
