// A caller's AbortSignal may outlive many calls (one per request handler, one per page), so
// a call must leave no listener on it however it ends: answered, answered after a retry
// wait, timed out, or aborted during a fetch or a wait. No network: the answers are canned.
import { ClerkTransportError } from "../clerkmini.mjs";
import { equal, ok } from "./assert.mjs";
import { tokenAnswer } from "./canned.mjs";
import { offline, rejection } from "./suite.mjs";

// A real AbortSignal whose abort listeners are counted: added, less removed, less those
// added with { once } once the signal has fired (the host drops them itself).
function countedSignal() {
  const ctrl = new AbortController();
  const signal = ctrl.signal;
  const live = new Map(); // listener -> added with once
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  add("abort", () => { for (const [f, once] of live) if (once) live.delete(f); });
  signal.addEventListener = (type, f, opts) => {
    if (type === "abort") live.set(f, Boolean(opts?.once));
    add(type, f, opts);
  };
  signal.removeEventListener = (type, f, opts) => {
    if (type === "abort") live.delete(f);
    remove(type, f, opts);
  };
  return { ctrl, signal, listeners: () => live.size };
}

const busy = () => new Response(JSON.stringify({ errors: [{ code: "too_many_requests", message: "slow down" }] }),
  { status: 429, headers: { "Content-Type": "application/json", "Retry-After": "0" } });
const busyOnce = () => { let n = 0; return (url) => (n++ === 0 ? busy() : tokenAnswer(url)); };
const never = () => new Promise(() => {});

export const signalCases = [
  ["a call leaves no listener on its signal: answered, retried, timed out, aborted in a fetch or in a wait", async (env) => {
    // [how the call ends, fetch, client options, abort after ms, the token's status or the error's message]
    const ways = [
      ["answered", tokenAnswer, {}, null, "pending"],
      // Retry-After: 0 is waited out with the backoff (a quarter to half a second).
      ["answered after a retry wait", busyOnce(), {}, null, "pending"],
      ["timed out", never, { timeoutMs: 30, retries: 0 }, null, /timed out/],
      ["aborted during the fetch", never, {}, 30, /canceled/],
      ["aborted during a retry wait", busy, {}, 30, /canceled/],
    ];
    for (const [how, fetch, options, abortAfter, outcome] of ways) {
      const clerk = await offline(env, fetch, options);
      const { ctrl, signal, listeners } = countedSignal();
      if (abortAfter !== null) setTimeout(() => ctrl.abort(new Error("caller gave up")), abortAfter);
      const call = clerk.signInTokens.createSignInToken({ userId: "user_alice" }, { signal });
      if (typeof outcome === "string") {
        equal((await call).status, outcome, how);
      } else {
        const err = await rejection(call);
        ok(err instanceof ClerkTransportError && outcome.test(err.message), `${how}: ${err.name}: ${err.message}`);
        if (abortAfter !== null) equal(err.cause?.message, "caller gave up", `${how}: the abort's reason`);
      }
      equal(listeners(), 0, `${how}: abort listeners left on the signal`);
    }
  }],
];
