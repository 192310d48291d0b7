import { stationLevels, stationNodeSchema, type StationNode } from './types.js';

/**
 * Validates a parsed station tree (see `stationNodeSchema`): the root is the city centre, codes
 * are unique, and each child is exactly one level below its parent
 * (city > county > town > community). Throws an `Error` naming the offending station.
 */
export function loadStations(json: unknown): StationNode {
  const parsed = stationNodeSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`Invalid stations: ${parsed.error.message}`);
  }
  const root = parsed.data;
  if (root.level !== 'city') {
    throw new Error(`Invalid stations: the root "${root.code}" has level "${root.level}"; expected "city"`);
  }
  const codes = new Set<string>();
  const visit = (node: StationNode): void => {
    if (codes.has(node.code)) {
      throw new Error(`Invalid stations: duplicate station code "${node.code}"`);
    }
    codes.add(node.code);
    const expected = stationLevels[stationLevels.indexOf(node.level) + 1];
    for (const child of node.children ?? []) {
      if (child.level !== expected) {
        const want = expected ? `"${expected}"` : 'no children';
        throw new Error(`Invalid stations: "${child.code}" has level "${child.level}" under ` + `"${node.code}" (level "${node.level}"); expected ${want}`);
      }
      visit(child);
    }
  };
  visit(root);
  return root;
}
