// A client's CPU time per create + revoke pair, the measure of issue 8's "clients' own
// cost" (child.mjs's cpu mode, pair.mjs). CPU time, not wall time: on a shared machine a
// pair's wall time includes waiting for a core, which is not the client's cost.

/** This process's CPU time so far, µs: user + system, every thread's (the JIT's and the collector's too). */
export const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };

/** Warm-up pairs before any round: enough for V8 to have optimised the loop's code. */
export const WARMUP = 2000;

/** Rounds of a child process's cpu mode (child.mjs): its result is the least of them. */
export const CPU_ROUNDS = 20;

/**
 * Mean µs of CPU per pair over n sequential pairs, the least of `rounds` rounds after
 * WARMUP pairs: the least, because whatever else the machine runs only ever adds.
 */
export async function cpuPerPair(pair, n, rounds) {
  for (let i = 0; i < WARMUP; i++) await pair();
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t = cpu();
    for (let i = 0; i < n; i++) await pair();
    best = Math.min(best, (cpu() - t) / n);
  }
  return best;
}
