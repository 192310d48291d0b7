// === How long tests wait, on a machine that may be slow or busy
//
// A test waits for progress (a reply, a log line, a row), never for the clock: each wait ends as soon
// as its condition holds, so these limits cost nothing when all is well. They only decide how long a
// test that is really stuck takes to fail, and must leave room for a machine several times slower.

/** Limit of one wait for a condition (a reply, a program up, a log line). */
export const WAIT_MS = 120_000;

/** Limit of a test or hook that starts programs or does much work (hundreds of rows, many random runs). */
export const LONG_MS = 300_000;

/** Limit of a story that waits on several programs in turn (start, kill, restart). */
export const STORY_MS = 600_000;
