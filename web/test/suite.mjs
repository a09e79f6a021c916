// The JavaScript API's suite, shared by Node's test runner (node.test.mjs) and by Deno
// and Bun (run.mjs): every case talks to a real sandbox over HTTP on loopback.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import {
  ClerkAPIResponseError,
  ClerkTransportError,
  createClerkClient,
  isClerkAPIResponseError,
} from "../clerkmini.mjs";
import { closedPortURL, startSandbox } from "./sandbox.mjs";

const KEY_A = "sk_test_suite_alpha_0123456789";
const KEY_B = "sk_test_suite_bravo_9876543210";

/** Starts what the cases need; call stop() when done. */
export async function setup() {
  const [a, b] = await Promise.all([startSandbox({ key: KEY_A }), startSandbox({ key: KEY_B })]);
  return { a, b, stop: () => Promise.all([a.stop(), b.stop()]) };
}

// Every error a case sees passes through here: the key must never be in it.
function assertNoKey(err, ...keys) {
  const text = `${err?.message} ${err?.stack} ${JSON.stringify(err)} ${String(err)}`;
  for (const key of keys) assert.ok(!text.includes(key), "an error carries the secret key");
}

async function rejection(promise, ...keys) {
  try {
    await promise;
  } catch (err) {
    assertNoKey(err, KEY_A, KEY_B, ...keys);
    return err;
  }
  assert.fail("the call did not reject");
}

function client(sb, extra = {}) {
  return createClerkClient({ secretKey: sb.secretKey, apiUrl: sb.apiUrl, ...extra });
}

/** The cases, as [name, async (env) => {}] pairs. */
export const cases = [
  ["create, revoke, revoke again", async ({ a }) => {
    const clerk = await client(a);
    const tok = await clerk.signInTokens.createSignInToken({ userId: "user_alice", expiresInSeconds: 600 });
    assert.deepEqual(Object.keys(tok).sort(), ["createdAt", "id", "status", "token", "updatedAt", "url", "userId"]);
    assert.match(tok.id, /^sit_/);
    assert.equal(tok.userId, "user_alice");
    assert.equal(tok.status, "pending");
    assert.equal(typeof tok.token, "string");
    assert.ok(tok.token.length > 20);
    assert.equal(typeof tok.createdAt, "number");
    assert.equal((await a.token(tok.id)).status, "pending");

    const revoked = await clerk.signInTokens.revokeSignInToken(tok.id);
    assert.equal(revoked.id, tok.id);
    assert.equal(revoked.status, "revoked");
    assert.equal((await a.token(tok.id)).status, "revoked");

    const err = await rejection(clerk.signInTokens.revokeSignInToken(tok.id));
    assert.ok(err instanceof ClerkAPIResponseError);
    assert.ok(isClerkAPIResponseError(err));
    assert.equal(err.name, "ClerkAPIResponseError");
    assert.equal(err.status, 400);
    assert.equal(err.errors[0].code, "sign_in_token_cannot_be_revoked_code");
    assert.match(err.errors[0].longMessage, /status is revoked/);
    assert.equal(typeof err.clerkTraceId, "string");
  }],

  ["unknown user: 404 resource_not_found, and the client still works", async ({ a }) => {
    const clerk = await client(a);
    const err = await rejection(clerk.signInTokens.createSignInToken({ userId: "user_nobody" }));
    assert.ok(err instanceof ClerkAPIResponseError);
    assert.equal(err.status, 404);
    assert.equal(err.errors[0].code, "resource_not_found");
    assert.match(err.errors[0].longMessage, /user_nobody/);
    assert.equal(err.retryAfter, undefined);
    const tok = await clerk.signInTokens.createSignInToken({ userId: "user_bob" });
    assert.equal(tok.userId, "user_bob");
  }],

  ["organization: orgId is sent, a non-member is refused", async ({ a }) => {
    const clerk = await client(a);
    const tok = await clerk.signInTokens.createSignInToken({ userId: "user_alice", orgId: "org_acme" });
    assert.equal(tok.status, "pending");
    const err = await rejection(clerk.signInTokens.createSignInToken({ userId: "user_carol", orgId: "org_acme" }));
    assert.equal(err.status, 403);
  }],

  ["429 with Retry-After: status, code and retryAfter in seconds", async ({ a }) => {
    const clerk = await client(a);
    // Longer than the client waits by itself, so the 429 comes back to the caller.
    await a.inject({ op: "create", status: 429, retry_after_seconds: 120 });
    const err = await rejection(clerk.signInTokens.createSignInToken({ userId: "user_alice" }));
    assert.ok(err instanceof ClerkAPIResponseError);
    assert.equal(err.status, 429);
    assert.equal(err.retryAfter, 120);
    assert.equal(err.errors[0].code, "too_many_requests");
    assert.equal((await clerk.signInTokens.createSignInToken({ userId: "user_alice" })).status, "pending");
  }],

  ["a short Retry-After is waited out and the call succeeds", async ({ a }) => {
    const clerk = await client(a);
    await a.inject({ op: "revoke", status: 429, retry_after_seconds: 1 });
    const tok = await clerk.signInTokens.createSignInToken({ userId: "user_alice" });
    assert.equal((await clerk.signInTokens.revokeSignInToken(tok.id)).status, "revoked");
  }],

  ["422 with meta: keys camelCased as @clerk/backend's", async ({ a }) => {
    const clerk = await client(a);
    const body = JSON.stringify({
      errors: [{ code: "form_param_value_invalid", message: "is invalid", long_message: "expires_in_seconds must be at least 1",
        meta: { param_name: "expires_in_seconds" } }, { code: "other", message: "m", long_message: "lm", meta: "not an object" }],
      clerk_trace_id: "trace_422",
    });
    await a.inject({ op: "create", status: 422, content_type: "application/json", body });
    const err = await rejection(clerk.signInTokens.createSignInToken({ userId: "user_alice" }));
    assert.equal(err.status, 422);
    assert.equal(err.clerkTraceId, "trace_422");
    assert.deepEqual(err.errors[0], { code: "form_param_value_invalid", message: "is invalid",
      longMessage: "expires_in_seconds must be at least 1", meta: { paramName: "expires_in_seconds" } });
    assert.deepEqual(err.errors[1].meta, {});
  }],

  ["HTML 502 from a proxy: the status survives", async ({ a }) => {
    const clerk = await client(a);
    await a.inject({ op: "create", status: 502, content_type: "text/html", body: "<html><body>502 Bad Gateway</body></html>" });
    const err = await rejection(clerk.signInTokens.createSignInToken({ userId: "user_alice" }));
    assert.ok(err instanceof ClerkAPIResponseError);
    assert.equal(err.status, 502);
    assert.deepEqual(err.errors, []);
    assert.match(err.message, /502/);
    assert.match(err.message, /text\/html/);
  }],

  ["lost answer after Clerk acted: a transport error that says so", async ({ a }) => {
    const clerk = await client(a);
    await a.inject({ op: "create", drop: true, after_processing: true });
    const call = clerk.signInTokens.createSignInToken({ userId: "user_alice" });
    if (globalThis.Deno) {
      // Deno's fetch itself re-sends a POST whose reused connection closed without an
      // answer: the call succeeds and the first token is lost. clerkmini cannot see this
      // (web/README.md); it is checked here so that a change in Deno shows.
      const settled = await call.then((t) => t, (e) => e);
      assert.ok(settled.status === "pending" || settled instanceof ClerkTransportError, String(settled));
      return;
    }
    const err = await rejection(call);
    assert.ok(err instanceof ClerkTransportError, `${err?.name}: ${err?.message}`);
    assert.equal(err.name, "ClerkTransportError");
    assert.equal(err.mayHaveReachedClerk, true);
    assert.equal(err.attempts, 1, "a create that may have reached Clerk must not be retried");
  }],

  ["nothing listening: a clear transport error", async ({ a }) => {
    const clerk = await createClerkClient({ secretKey: a.secretKey, apiUrl: await closedPortURL() });
    const err = await rejection(clerk.signInTokens.revokeSignInToken("sit_123"));
    assert.ok(err instanceof ClerkTransportError);
    assert.match(err.message, /revoke sign-in token: fetch/);
    assert.equal(typeof err.mayHaveReachedClerk, "boolean");
  }],

  ["bad arguments: TypeError before anything is sent", async ({ a }) => {
    let sent = 0;
    const fetch = (...args) => { sent++; return globalThis.fetch(...args); };
    const clerk = await client(a, { fetch });
    const bad = [
      () => clerk.signInTokens.createSignInToken({}),
      () => clerk.signInTokens.createSignInToken({ userId: "" }),
      () => clerk.signInTokens.createSignInToken(),
      () => clerk.signInTokens.createSignInToken({ userId: "user_alice", expiresInSeconds: -1 }),
      () => clerk.signInTokens.createSignInToken({ userId: "user_alice", expiresInSeconds: 1.5 }),
      () => clerk.signInTokens.createSignInToken({ userId: "user_alice", expiresInSeconds: "60" }),
      () => clerk.signInTokens.createSignInToken({ userId: "user_alice", orgId: 7 }),
      () => clerk.signInTokens.createSignInToken({ userId: "user_../x" }),
      () => clerk.signInTokens.revokeSignInToken("../users"),
      () => clerk.signInTokens.revokeSignInToken("sit_1/revoke?x"),
      () => clerk.signInTokens.revokeSignInToken("a b"),
      () => clerk.signInTokens.revokeSignInToken(""),
      () => clerk.signInTokens.revokeSignInToken(42),
      () => clerk.signInTokens.revokeSignInToken("x".repeat(500)),
    ];
    for (const [i, call] of bad.entries()) {
      const err = await rejection(call());
      assert.ok(err instanceof TypeError, `case ${i}: ${err?.name}: ${err?.message}`);
    }
    assert.equal(sent, 0);
    await clerk.signInTokens.createSignInToken({ userId: "user_alice" });
    assert.equal(sent, 1, "the injected fetch is the one used");
  }],

  ["bad options and keys: TypeError that never repeats the key", async ({ a }) => {
    for (const options of [undefined, {}, { secretKey: "" }, { secretKey: 5 }, { secretKey: a.secretKey, fetch: "no" },
      { secretKey: a.secretKey, apiUrl: 80 }, { secretKey: a.secretKey, wasm: 3 }]) {
      assert.ok((await rejection(createClerkClient(options))) instanceof TypeError);
    }
    const publishable = "pk_test_c29tZXRoaW5nLWxvb2tpbmctc2VjcmV0";
    const err = await rejection(createClerkClient({ secretKey: publishable }), publishable);
    assert.ok(err instanceof TypeError);
    assert.match(err.message, /publishable/);
    const plain = await rejection(createClerkClient({ secretKey: a.secretKey, apiUrl: "http://clerk.example.com" }));
    assert.ok(plain instanceof TypeError, "plain http to a non-loopback host is refused");
  }],

  ["wrong key: 401 and no key in the error", async ({ a }) => {
    const wrong = "sk_test_not_the_sandbox_key_42";
    const clerk = await createClerkClient({ secretKey: wrong, apiUrl: a.apiUrl });
    const err = await rejection(clerk.signInTokens.createSignInToken({ userId: "user_alice" }), wrong);
    assert.equal(err.status, 401);
  }],

  ["concurrent calls: 24 creates then 24 revokes at once", async ({ a }) => {
    const clerk = await client(a);
    const users = ["user_alice", "user_bob", "user_carol"];
    const toks = await Promise.all(Array.from({ length: 24 }, (_, i) =>
      clerk.signInTokens.createSignInToken({ userId: users[i % 3] })));
    assert.equal(new Set(toks.map((t) => t.id)).size, 24);
    toks.forEach((t, i) => assert.equal(t.userId, users[i % 3]));
    const revoked = await Promise.all(toks.map((t) => clerk.signInTokens.revokeSignInToken(t.id)));
    revoked.forEach((r, i) => { assert.equal(r.id, toks[i].id); assert.equal(r.status, "revoked"); });
  }],

  ["two clients with two keys do not interfere", async ({ a, b }) => {
    const [ca, cb] = await Promise.all([client(a), client(b)]);
    const [ta, tb] = await Promise.all([
      ca.signInTokens.createSignInToken({ userId: "user_alice" }),
      cb.signInTokens.createSignInToken({ userId: "user_bob" }),
    ]);
    assert.ok(await a.token(ta.id));
    assert.equal(await b.token(ta.id), null);
    assert.ok(await b.token(tb.id));
    assert.equal(await a.token(tb.id), null);
    // Each key opens only its own sandbox: b's key at a's address is refused.
    const cross = await createClerkClient({ secretKey: b.secretKey, apiUrl: a.apiUrl });
    assert.equal((await rejection(cross.signInTokens.revokeSignInToken(ta.id))).status, 401);
    assert.equal((await ca.signInTokens.revokeSignInToken(ta.id)).status, "revoked");
    assert.equal((await a.token(ta.id)).status, "revoked");
  }],

  ["the module from bytes and as a compiled WebAssembly.Module", async ({ a }) => {
    const bytes = await readFile(new URL("../clerkmini.wasm", import.meta.url));
    const fromBytes = await client(a, { wasm: bytes });
    assert.equal((await fromBytes.signInTokens.createSignInToken({ userId: "user_alice" })).status, "pending");
    const module = await WebAssembly.compile(bytes);
    const fromModule = await client(a, { wasm: module });
    assert.equal((await fromModule.signInTokens.createSignInToken({ userId: "user_bob" })).userId, "user_bob");
    await assert.rejects(client(a, { wasm: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]) }), /did not start/);
  }],

  ["logging a client shows no key", async ({ a }) => {
    const clerk = await client(a);
    const { inspect } = await import("node:util");
    assert.ok(!inspect(clerk, { depth: 5, showHidden: true }).includes(a.secretKey));
    assert.ok(!JSON.stringify(clerk).includes(a.secretKey));
  }],
];
