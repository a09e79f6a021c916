// A fetch that misbehaves in any way rejects that one call with a clear error and leaves
// the client, the instance and every other client working. Each row: what the fetch does,
// and what the caller must be told. No network: the good answers are canned.
import { ClerkAPIResponseError, ClerkTransportError, createClerkClient } from "../clerkmini.mjs";
import { equal, fail, match, ok } from "./assert.mjs";
import { tokenAnswer } from "./canned.mjs";

const KEY = "sk_test_hostile_0123456789";
const json = { "Content-Type": "application/json" };
const stream = (...chunks) => new ReadableStream({ pull(c) { if (chunks.length) c.enqueue(chunks.shift()); else c.close(); } });
const never = () => new Promise(() => {});
const answer = (props) => async () => ({ status: 200, headers: new Headers(json), body: null, ...props });
const bodyReader = (read) => answer({ body: { getReader: () => ({ read, cancel: () => {} }) } });
const everyGetThrows = new Proxy({}, { get() { throw new Error("trap"); }, getPrototypeOf() { throw new Error("trap"); } });

// [what the fetch does, fetch, message the caller gets, error class]
export const hostileFetches = [
  ["resolves undefined", async () => undefined, /fetch resolved to undefined, not a Response/],
  ["resolves null", async () => null, /fetch resolved to null, not a Response/],
  ["resolves {}", async () => ({}), /no HTTP status \(status is undefined\)/],
  ["resolves 42", async () => 42, /fetch resolved to number 42, not a Response/],
  ["resolves a string", async () => "200 OK", /fetch resolved to a string, not a Response/],
  ["resolves {status: \"200\"}", async () => ({ status: "200", headers: new Headers() }), /no HTTP status \(status is a string\)/],
  ["resolves status 1000", answer({ status: 1000 }), /no HTTP status/],
  ["a status getter that throws", async () => ({ get status() { throw new Error("status getter broke"); } }), /status getter broke/],
  ["headers without get", answer({ headers: { "content-type": "application/json" } }), /no Headers/],
  ["headers whose forEach throws", answer({ headers: { get() {}, forEach() { throw new Error("forEach broke"); } } }), /forEach broke/],
  ["a header value with a newline", answer({ headers: { get() {}, forEach(f) { f("x\nretry-after: 0", "x-evil"); } } }), /not a one-line string/],
  ["a 1 MB header", async () => new Response(null, { status: 200, headers: { "x-big": "a".repeat(1 << 20) } }), /headers are larger than/],
  // Within the bound counted in characters, over it in UTF-8 bytes (2 each): the loader's count.
  ["64 KiB of headers in 128 KiB of UTF-8", answer({ headers: { get() {}, forEach(f) { f("é".repeat(40000), "x-wide"); } } }),
    /the response headers are larger than 65536 bytes/],
  ["a body that is a string", answer({ body: "{}" }), /no body stream/],
  ["a body stream yielding strings", answer({ body: stream("{\"id\":", "\"sit_1\"}") }), /body stream yielded a string, not bytes/],
  ["a body read() that returns 42", bodyReader(async () => 42), /did not resolve to \{done, value\}/],
  ["a body read() that rejects", bodyReader(async () => { throw new Error("stream broke"); }), /stream broke/],
  ["a body read() that never settles", bodyReader(never), /timed out/],
  ["an opaque redirect", answer({ type: "opaqueredirect", status: 0 }), /redirect, which clerkmini does not follow/],
  ["a thenable that throws", () => ({ then() { throw new Error("thenable broke"); } }), /thenable broke/],
  ["rejects with Object.create(null)", () => Promise.reject(Object.create(null)), /fetch: \[object Object\]/],
  ["rejects with undefined", () => Promise.reject(undefined), /fetch: undefined/],
  ["rejects with a Proxy whose every get throws", () => Promise.reject(everyGetThrows), /an unreadable value/],
  ["throws synchronously", () => { throw new Error("sync boom"); }, /fetch threw: sync boom/],
  ["never settles (ignores the abort)", never, /timed out/],
  ["a 2 MiB body", async () => new Response(stream(new Uint8Array(1 << 20).fill(32), new Uint8Array(1 << 20).fill(32)), { status: 200, headers: json }),
    /: body is larger than 1 MiB/, ClerkAPIResponseError],
];

export const hostileCases = [
  [`a misbehaving fetch (${hostileFetches.length} ways) fails that call only; the instance and other clients keep working`, async ({ wasm }) => {
    let current;
    const clerk = await createClerkClient({ secretKey: KEY, fetch: (u, i) => current(u, i), wasm, timeoutMs: 300, retries: 0 });
    const other = await createClerkClient({ secretKey: KEY, fetch: tokenAnswer, wasm });
    for (const [what, bad, message, Class = ClerkTransportError] of hostileFetches) {
      current = bad;
      let err;
      try {
        await clerk.signInTokens.createSignInToken({ userId: "user_alice" });
      } catch (e) {
        err = e;
      }
      if (err === undefined) fail(`${what}: the call did not reject`);
      ok(err instanceof Class, `${what}: ${err?.name}: ${err?.message}`);
      match(err.message, message, what);
      ok(!`${err.message} ${JSON.stringify(err)}`.includes(KEY), `${what}: the error carries the key`);
      current = tokenAnswer;
      equal((await clerk.signInTokens.createSignInToken({ userId: "user_alice" })).id, "sit_canned", `${what}: the same client afterwards`);
      equal((await other.signInTokens.revokeSignInToken("sit_canned")).status, "revoked", `${what}: another client afterwards`);
    }
    ok(hostileFetches.length >= 18);
  }],
];
