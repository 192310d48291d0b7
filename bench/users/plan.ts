// === How much the user-facing bench does: the full run, or `--quick` for development

export interface Plan {
  quick: boolean;
  /** Measured seconds per load, after `warmupSeconds` of the same load. */
  seconds: number;
  warmupSeconds: number;
  /** Resident counts of the Telegram loads. */
  sizes: number[];
  /** Starts of each program (alternating) for the start-up figure. */
  startRuns: number;
  /** Requests stored before the last card is timed. */
  history: number;
  /** Messages a program has handled when its memory is read again. */
  memoryMessages: number;
  /** How long the programs are left idle after those messages before their memory is read once more. */
  settleSeconds: number;
  /** Volunteers pressing one card at once. */
  presses: number;
  /** Confirmed requests timed to their card (each backend, each database size). */
  cards: number;
  broadcastGroups: number;
}

export function planFrom(argv: string[]): Plan {
  const quick = argv.includes('--quick');
  return {
    quick,
    seconds: quick ? 3 : 6,
    warmupSeconds: quick ? 1 : 2,
    sizes: [1, 10, 100],
    startRuns: quick ? 2 : 5,
    history: quick ? 10_000 : 100_000,
    memoryMessages: quick ? 300 : 1000,
    settleSeconds: quick ? 10 : 30,
    presses: 100,
    cards: quick ? 2 : 3,
    broadcastGroups: Number(process.env.BENCH_BROADCAST_GROUPS ?? (quick ? 200 : 2342)),
  };
}

let nextResident = 100_000;
/** The first of `n` user ids never used before in this run (each load's residents are new people). */
export function newResidents(n: number): number {
  const first = nextResident;
  nextResident += Math.max(1000, n);
  return first;
}
