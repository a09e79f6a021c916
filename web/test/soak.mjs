// Memory stays flat: 20,000 create + revoke pairs through the module CLERKMINI_WASM names,
// with an injected fetch that answers at once, must grow the module's WebAssembly memory
// by at most 2 MiB and the process's RSS by at most 10 MiB (issue 8's bounds; the old
// syscall/js TinyGo module grew ~190 KB per pair and trapped near 6,000). Bounds, not
// timings. Run with --expose-gc, so that RSS is measured after a collection, and with
// --max-semi-space-size=1: V8 otherwise grows its young generation by tens of MiB under
// this load and shrinks it later, which reads as ±20 MiB of RSS with a flat heap. A plain
// script, not under node:test, whose own bookkeeping moves RSS by ±12 MiB from sample to
// sample here. Exits 1 when a bound is crossed.
import { tokenAnswer } from "./canned.mjs";
import { wasmURL } from "./env.mjs";
import { MEMORY_BOUNDS, memoryGrowth, watchMemories } from "./memories.mjs";

const memories = watchMemories();
const { createClerkClient } = await import("../clerkmini.mjs");

const PAIRS = 20_000;
const MiB = 1 << 20;

async function pairs(clerk, n) {
  for (let i = 0; i < n; i++) {
    const tok = await clerk.signInTokens.createSignInToken({ userId: "user_alice", expiresInSeconds: 600 });
    await clerk.signInTokens.revokeSignInToken(tok.id);
  }
}

// Read every 1,000 pairs; memoryGrowth says why medians.
if (typeof globalThis.gc !== "function") throw new Error("run with --expose-gc --max-semi-space-size=1");
const clerk = await createClerkClient({ secretKey: "sk_test_soak_0123456789", fetch: tokenAnswer, wasm: wasmURL });
await pairs(clerk, 3000); // warm: JIT, the module's first allocations
if (memories.length !== 1) throw new Error(`${memories.length} instances, want 1`);
const m = await memoryGrowth((n) => pairs(clerk, n), PAIRS, 1000, () => memories[0]);
const { rss: rssGrowth, wasm: memGrowth } = m.growth;
console.log(`${wasmURL.pathname.replace(/^.*\//, "")}: WebAssembly memory ${(m.start.wasm / MiB).toFixed(2)} MiB, grew ${(memGrowth / MiB).toFixed(2)} MiB; ` +
  `RSS grew ${(rssGrowth / MiB).toFixed(2)} MiB over ${PAIRS} pairs (readings: ${m.readings.map((x) => (x.rss / MiB).toFixed(1)).join(" ")})`);
const failures = [];
const { wasm: maxWasm, rss: maxRss } = MEMORY_BOUNDS;
if (memGrowth > maxWasm * MiB) failures.push(`WebAssembly memory grew ${memGrowth} bytes, more than ${maxWasm} MiB`);
if (rssGrowth > maxRss * MiB) failures.push(`RSS grew ${rssGrowth} bytes, more than ${maxRss} MiB`);
console.log(failures.length ? `not ok - ${failures.join("; ")}` : `ok - ${PAIRS} pairs: WebAssembly memory grew ≤ ${maxWasm} MiB, RSS ≤ ${maxRss} MiB`);
process.exitCode = failures.length ? 1 : 0;
