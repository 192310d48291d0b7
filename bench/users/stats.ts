// === Figures: percentiles, ratios and how they are printed

/** The `q` quantile (0–1) of `xs`, nearest rank; NaN when empty. */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export const median = (xs: number[]) => quantile(xs, 0.5);

/** Milliseconds as people read them: `85 ms`, `1.24 s`. */
export function ms(x: number): string {
  if (!Number.isFinite(x)) return '–';
  return x < 1000 ? `${x.toFixed(0)} ms` : `${(x / 1000).toFixed(2)} s`;
}

/** `0.42` (2 significant digits below 1). */
export function ratio(x: number): string {
  if (!Number.isFinite(x)) return '–';
  return x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toPrecision(2);
}

/** `✓` or `✗` beside a target. */
export const verdict = (met: boolean) => (met ? '✓' : '✗');

/** `[03:41] ` — the bench's elapsed time, for its progress lines. */
export function stamp(): string {
  const s = Math.floor(process.uptime());
  return `[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] `;
}
