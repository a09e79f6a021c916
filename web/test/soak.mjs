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
import { watchMemories } from "./memories.mjs";

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

function rss() {
  globalThis.gc();
  return process.memoryUsage().rss;
}

// RSS after a collection, sampled every 1,000 pairs: growth is the median of the last
// three samples over the median of the first three, so that one sample caught while the
// allocator holds a transient page does not read as growth (a leak of even 1 KB a pair is
// 20 MB here).
if (typeof globalThis.gc !== "function") throw new Error("run with --expose-gc --max-semi-space-size=1");
const clerk = await createClerkClient({ secretKey: "sk_test_soak_0123456789", fetch: tokenAnswer, wasm: wasmURL });
await pairs(clerk, 3000); // warm: JIT, the module's first allocations
if (memories.length !== 1) throw new Error(`${memories.length} instances, want 1`);
const mem0 = memories[0].buffer.byteLength;
const samples = [];
for (let done = 0; done < PAIRS; done += 1000) {
  await pairs(clerk, 1000);
  samples.push(rss());
}
const median3 = (xs) => [...xs].sort((a, b) => a - b)[1];
const memGrowth = memories[0].buffer.byteLength - mem0;
const rssGrowth = median3(samples.slice(-3)) - median3(samples.slice(0, 3));
console.log(`${wasmURL.pathname.replace(/^.*\//, "")}: WebAssembly memory ${(mem0 / MiB).toFixed(2)} MiB, grew ${(memGrowth / MiB).toFixed(2)} MiB; ` +
  `RSS grew ${(rssGrowth / MiB).toFixed(2)} MiB over ${PAIRS} pairs (samples: ${samples.map((x) => (x / MiB).toFixed(1)).join(" ")})`);
const failures = [];
if (memGrowth > 2 * MiB) failures.push(`WebAssembly memory grew ${memGrowth} bytes, more than 2 MiB`);
if (rssGrowth > 10 * MiB) failures.push(`RSS grew ${rssGrowth} bytes, more than 10 MiB`);
console.log(failures.length ? `not ok - ${failures.join("; ")}` : `ok - ${PAIRS} pairs: WebAssembly memory grew ≤ 2 MiB, RSS ≤ 10 MiB`);
process.exitCode = failures.length ? 1 : 0;
