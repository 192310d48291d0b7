import type { QueryListener } from '../../db/client.js';

// === Counting what reaches the database: statements and transactions, from the drivers' own hooks

export interface QueryCount {
  /** Statements other than `begin`, `commit`, `rollback`. */
  statements: number;
  /** Explicit transactions plus statements that ran on their own (each its own transaction). */
  transactions: number;
  /** The statements, in order, for a failure message. */
  sql: string[];
}

const CONTROL = /^\s*(begin|commit|rollback)\b/i;
/** What postgres.js asks by itself on a new connection (array types): not the app's. */
const DRIVER = /^\s*select\s+b\.oid,\s*b\.typarray\s+from\s+pg_catalog\.pg_type/i;

/** A listener for `openDatabase({ onQuery })` and what it counted since the last `reset()`. */
export function createQueryLog() {
  let entries: { sql: string; connection: number }[] = [];
  const listener: QueryListener = (sql, connection) => entries.push({ sql, connection });
  return {
    listener,
    reset() {
      entries = [];
    },
    count(): QueryCount {
      const open = new Set<number>();
      let statements = 0;
      let transactions = 0;
      const sql: string[] = [];
      for (const e of entries) {
        if (DRIVER.test(e.sql)) continue;
        const control = CONTROL.exec(e.sql)?.[1]?.toLowerCase();
        if (control === 'begin') {
          open.add(e.connection);
          transactions++;
        } else if (control) open.delete(e.connection);
        else {
          statements++;
          if (!open.has(e.connection)) transactions++;
          sql.push(e.sql.replace(/\s+/g, ' ').slice(0, 160));
        }
      }
      return { statements, transactions, sql };
    },
  };
}
