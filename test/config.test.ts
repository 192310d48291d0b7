import { describe, expect, it } from 'vitest';
import { ConfigError, createConfig } from '../src/config.js';

describe('configuration', () => {
  it('defaults to PGlite in ./data', () => {
    expect(createConfig({}).database).toEqual({ kind: 'pglite', dataDir: './data' });
  });

  it('uses PostgreSQL when DATABASE_URL is set, and treats an empty value as unset', () => {
    expect(createConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1/db' }).database).toEqual({ kind: 'postgres', url: 'postgres://u:p@127.0.0.1/db' });
    expect(createConfig({ DATABASE_URL: '', DATA_DIR: '/srv/lx' }).database).toEqual({ kind: 'pglite', dataDir: '/srv/lx' });
  });

  it('names the wrong variable and how to fix it', () => {
    expect(() => createConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => createConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => createConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/\.env\.example/);
  });
});
