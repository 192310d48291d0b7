/** Path of an up-to-date bundle of `root`/src/main.ts, building it first when a source changed. */
export function ensureBuilt(options?: { root?: string; cacheDir?: string }): Promise<{ entry: string; built: boolean }>;
export const projectRoot: string;
