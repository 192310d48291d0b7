import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configVariables } from '../src/config.js';

// The variables people read about (.env.example, README "Configuration") are the ones the composed schema reads, with its defaults.

const root = new URL('../', import.meta.url);
const variables = configVariables();
const defaults = new Map(variables.map((v) => [v.name, v.defaultValue]));
const names = variables.map((v) => v.name).sort();

/** `NAME=value` lines of .env.example, in order. */
function envExample(): { name: string; value: string }[] {
  const text = readFileSync(new URL('.env.example', root), 'utf8');
  return [...text.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => ({ name: m[1]!, value: m[2]!.trim() }));
}

/** The rows of README's configuration table: a row may document several variables (`A` / `B`, defaults `1` / `2`, or one for both). */
function readmeTable(): { name: string; documentedDefault: string }[] {
  const text = readFileSync(new URL('README.md', root), 'utf8');
  const section = text.slice(text.indexOf('\n## Configuration\n'));
  const table = section.slice(section.indexOf('\n| variable |'), section.indexOf('\n\n', section.indexOf('\n| variable |')));
  const rows = table.split('\n').filter((line) => line.startsWith('| `'));
  return rows.flatMap((row) => {
    const [cell = '', defaultCell = ''] = row.split(' | ').map((c) => c.replace(/^\| /, ''));
    const cellNames = cell.split(' / ').map((n) => n.replace(/`/g, ''));
    const cellDefaults = defaultCell.split(' / ');
    return cellNames.map((name, i) => ({ name, documentedDefault: (cellDefaults.length > 1 ? cellDefaults[i] : defaultCell) ?? '' }));
  });
}

describe('the configuration as documented', () => {
  it('reads some variables, a few with defaults (the check below has something to check)', () => {
    expect(names.length).toBeGreaterThan(40);
    expect(defaults.get('WECHAT_PATH')).toBe('/wechat');
    expect(defaults.get('DATABASE_URL')).toBeUndefined();
  });

  it('.env.example lists every variable once, with its default or empty, and nothing else', () => {
    const lines = envExample();
    expect(lines.map((l) => l.name).sort()).toEqual(names);
    for (const { name, value } of lines) expect({ name, value }).toEqual({ name, value: defaults.get(name) ?? '' });
  });

  it("README's table documents every variable once with its default, and nothing else", () => {
    const rows = readmeTable();
    expect(rows.map((r) => r.name).sort()).toEqual(names);
    for (const { name, documentedDefault } of rows) {
      const value = defaults.get(name);
      if (value !== undefined) expect({ name, documentedDefault }).toEqual({ name, documentedDefault: `\`${value}\`` });
      else expect({ name, documentedDefault }).not.toEqual({ name, documentedDefault: '' });
    }
  });
});
