// Memory stays flat: 20,000 create + revoke pairs through the module CLERKMINI_WASM names,
// with an injected fetch that answers at once, must grow the module's WebAssembly memory
// by at most 2 MiB and the process's RSS by at most 10 MiB (issue 8's bounds; the old
// syscall/js TinyGo module grew ~190 KB per pair and trapped near 6,000). Bounds, not
// timings. Run with --expose-gc, so that RSS is measured after a collection, and with
// --max-semi-space-size=1: V8 otherwise grows its young generation by tens of MiB under
// this load and shrinks it later, which reads as ±20 MiB of RSS with a flat heap.
import assert from "node:assert/strict";
import { test } from "node:test";
import { tokenAnswer } from "./canned.mjs";
import { wasmURL } from "./env.mjs";

// The loader keeps its instance private: see the memories it makes.
const memories = [];
const Real = WebAssembly.Instance;
WebAssembly.Instance = class extends Real {
  constructor(...args) {
    super(...args);
    memories.push(this.exports.memory);
  }
};
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

test(`${PAIRS} create + revoke pairs: WebAssembly memory grows ≤ 2 MiB, RSS ≤ 10 MiB`, async () => {
  assert.equal(typeof globalThis.gc, "function", "run with --expose-gc --max-semi-space-size=1");
  const clerk = await createClerkClient({ secretKey: "sk_test_soak_0123456789", fetch: tokenAnswer, wasm: wasmURL });
  await pairs(clerk, 2000); // warm: JIT, the module's first allocations
  assert.equal(memories.length, 1);
  const mem0 = memories[0].buffer.byteLength;
  const rss0 = rss();
  await pairs(clerk, PAIRS);
  const memGrowth = memories[0].buffer.byteLength - mem0;
  const rssGrowth = rss() - rss0;
  console.log(`# ${wasmURL.pathname.replace(/^.*\//, "")}: WebAssembly memory ${(mem0 / MiB).toFixed(2)} MiB, grew ${(memGrowth / MiB).toFixed(2)} MiB; RSS grew ${(rssGrowth / MiB).toFixed(2)} MiB over ${PAIRS} pairs`);
  assert.ok(memGrowth <= 2 * MiB, `WebAssembly memory grew ${memGrowth} bytes`);
  assert.ok(rssGrowth <= 10 * MiB, `RSS grew ${rssGrowth} bytes`);
});
