import { z } from 'zod';

// === Station file format (db/seed/stations.json, or STATIONS_FILE)

export const stationLevels = ['city', 'county', 'town', 'community'] as const;
export type StationLevel = (typeof stationLevels)[number];

export interface StationNode {
  /**
   * Stable code, unique, lower-case ascii letters, digits and `-`: the national division code for an
   * imported station (`330402011015`), any kebab-case word for an organizer's own (`wenchang-xiaoqu`).
   */
  code: string;
  /** Full name shown to people, e.g. 文昌社区. */
  name: string;
  level: StationLevel;
  /** Other names residents type: short names, old names (matched loosely). */
  aliases?: string[];
  children?: StationNode[];
}

export const stationNodeSchema: z.ZodType<StationNode> = z.lazy(() =>
  z.object({
    code: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    level: z.enum(stationLevels),
    aliases: z.array(z.string().min(1)).optional(),
    children: z.array(stationNodeSchema).optional(),
  }),
);
