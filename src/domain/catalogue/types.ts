import { z } from 'zod';

// === Catalogue file format (db/seed/catalogue.json, or CATALOGUE_FILE)

/** One concrete service a resident can ask for, e.g. 家电维修. */
export const catalogueItemSchema = z.object({
  /** Stable code, kebab-case ascii, unique across the catalogue, e.g. `appliance-repair`. */
  code: z.string().regex(/^[a-z0-9-]+$/),
  /** Name shown to people, e.g. 家电维修. */
  name: z.string().min(1),
  /** Words and phrases residents use for this item (objects, symptoms, synonyms). */
  keywords: z.array(z.string().min(1)).min(1),
  /**
   * Words that describe the person's situation more than the need (一个人住, 腿脚不方便, 睡不着):
   * they count a little, so that "腿脚不方便想有人送饭" is about meals, and decide only when nothing
   * names the need.
   */
  context: z.array(z.string().min(1)).optional(),
  /**
   * Needs said by words that stand apart, one word of each family within a sentence: who or where, and
   * what is wrong or wanted ([["房东"], ["不肯修", "不管"]] → a tenancy dispute, not the broken boiler).
   * A family lists meanings (房东, 出租的人), never whole sentences. Scored like a keyword of their length.
   */
  frames: z.array(z.array(z.array(z.string().min(1)).min(1)).min(2)).optional(),
  /** The item a request is filed as after someone raised an emergency, unless they pick another (紧急求助). */
  emergency: z.boolean().optional(),
});

/** One of the catalogue's classes, e.g. 生活求助类. */
export const catalogueClassSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** The everyday words for the class, shown beside its official name and typed to pick it (修东西). */
  plainName: z.string().min(1).optional(),
  /**
   * False when the class is answered by advice rather than a visit (policy questions, disputes):
   * the resident is asked how to be answered (phone, service point, visit), not when to be visited. Default true.
   */
  homeVisit: z.boolean().optional(),
  items: z.array(catalogueItemSchema).min(1),
  /**
   * The items listed a page at a time, by kind (家里修理, 生活小事 …): every item in exactly one group, at
   * most 8 a group. Without groups a class of more than 8 items is cut into even pages.
   */
  groups: z.array(z.object({ name: z.string().min(1), items: z.array(z.string()).min(1).max(8) })).optional(),
});

export const catalogueSchema = z.object({
  classes: z.array(catalogueClassSchema).min(1),
});

export type CatalogueItem = z.infer<typeof catalogueItemSchema>;
export type CatalogueClass = z.infer<typeof catalogueClassSchema>;
export type Catalogue = z.infer<typeof catalogueSchema>;

/** A catalogue item proposed for a resident's words, best first. */
export interface ItemMatch {
  itemCode: string;
  itemName: string;
  classCode: string;
  /** Higher is better; only comparable within one `match()` call. */
  score: number;
  /** True when only the learned model proposed it (no keyword was found): the rules are unsure of it. */
  learned?: true;
}
