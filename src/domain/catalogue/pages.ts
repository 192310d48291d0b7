import type { CatalogueClass } from './types.js';

// === A class's items shown a few at a time: its groups (家里修理, 生活小事 …), or even pages when it has none

/** At most this many items are listed at once: a longer list is paged, with a "more" choice. */
export const MAX_ITEMS_SHOWN = 8;

/** One page of a class's item list: the group's name (null for a plain page) and its items' codes. */
export interface ItemPage {
  name: string | null;
  codes: string[];
}

/** The pages of a class's items, in the catalogue's order: its `groups`, or even pages of at most MAX_ITEMS_SHOWN. */
export function itemPages(cls: CatalogueClass): ItemPage[] {
  if (cls.groups) return cls.groups.map((g) => ({ name: g.name, codes: [...g.items] }));
  const codes = cls.items.map((i) => i.code);
  const pages = Math.ceil(codes.length / MAX_ITEMS_SHOWN);
  const size = Math.ceil(codes.length / pages);
  return Array.from({ length: pages }, (_, p) => ({ name: null, codes: codes.slice(p * size, (p + 1) * size) }));
}
