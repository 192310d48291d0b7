import { catalogueSchema, type Catalogue } from './types.js';

/**
 * Validates parsed catalogue JSON (see `catalogueSchema`) and checks that item codes are unique
 * across the whole catalogue. Throws an `Error` naming the problem.
 */
export function loadCatalogue(json: unknown): Catalogue {
  const parsed = catalogueSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`Invalid catalogue: ${parsed.error.message}`);
  }
  const catalogue = parsed.data;
  const classCodes = new Set<string>();
  const itemCodes = new Set<string>();
  for (const cls of catalogue.classes) {
    if (classCodes.has(cls.code)) {
      throw new Error(`Invalid catalogue: duplicate class code "${cls.code}"`);
    }
    classCodes.add(cls.code);
    for (const item of cls.items) {
      if (itemCodes.has(item.code)) {
        throw new Error(`Invalid catalogue: duplicate item code "${item.code}" (in class "${cls.code}")`);
      }
      itemCodes.add(item.code);
    }
    if (cls.groups) {
      const grouped = cls.groups.flatMap((g) => g.items);
      const own = cls.items.map((i) => i.code);
      if (grouped.length !== own.length || own.some((code) => !grouped.includes(code))) {
        throw new Error(`Invalid catalogue: the groups of class "${cls.code}" must list each of its items once`);
      }
    }
  }
  return catalogue;
}
