// A client that is garbage-collected frees its side in the module (and the key it holds there).
// Run with --expose-gc: `node --expose-gc --test test/gc.test.mjs`.
import assert from "node:assert/strict";
import { test } from "node:test";

// Count what the loader's FinalizationRegistry hands to its cleanup, and whether the
// cleanup (the module's clerkmini_client_free) throws.
const freed = [];
const Real = globalThis.FinalizationRegistry;
globalThis.FinalizationRegistry = class extends Real {
  constructor(cleanup) {
    super((held) => {
      cleanup(held);
      freed.push(held.handle);
    });
  }
};
const { createClerkClient } = await import("../clerkmini.mjs");
const { instanceFor } = await import("../module.mjs");
const { wasmURL: wasm } = await import("./env.mjs");

test("collected clients are freed in the module, and the module keeps working", async () => {
  assert.equal(typeof globalThis.gc, "function", "run with --expose-gc");
  const key = "sk_test_gc_0123456789";
  const keep = await createClerkClient({ secretKey: key, fetch: () => Promise.reject(new Error("offline")), wasm });
  // The instance every client made from this URL shares, and the clients it holds.
  const inst = await instanceFor(wasm);
  const live = inst.liveClients();
  assert.equal(live, 1, "the kept client is the module's one live client");
  for (let i = 0; i < 20; i++) await createClerkClient({ secretKey: key, wasm }); // dropped at once
  assert.equal(inst.liveClients(), live + 20, "the module holds the 20 new clients");
  // Cleanup runs in a task after a collection: collect and yield, a bounded number of times.
  for (let i = 0; i < 100 && freed.length < 20; i++) {
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.equal(freed.length, 20, `${freed.length} of 20 dropped clients were freed`);
  assert.ok(freed.every((h) => Number.isInteger(h) && h > 0), "handles");
  assert.equal(new Set(freed).size, 20, "20 distinct clients");
  assert.equal(inst.liveClients(), live, "the module freed each collected client, and only those");
  // The kept client still works (its handle was not freed): it fails only on the network.
  await assert.rejects(keep.signInTokens.revokeSignInToken("sit_1"), { name: "ClerkTransportError" });
});
