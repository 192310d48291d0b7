import type { Catalogue } from './types.js';

/** Finds a catalogue class or item by code, name, or a name without its 类 suffix. */
export function skillFinder(catalogue: Catalogue) {
  const all = catalogue.classes.flatMap((c) => [{ code: c.code, name: c.name }, ...c.items.map((i) => ({ code: i.code, name: i.name }))]);
  return (text: string): { code: string; name: string } | null => {
    const t = text.trim();
    return all.find((s) => s.code === t || s.name === t) ?? all.find((s) => s.name.replace(/类$/, '') === t || (t.length >= 2 && s.name.startsWith(t))) ?? null;
  };
}
