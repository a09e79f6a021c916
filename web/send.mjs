// One attempt of the module's SEND through a fetch: the host's, or one the caller passed,
// which may misbehave in any way. Whatever it does (throws, resolves to something that is
// not a Response, never settles, streams strings), the attempt ends with either an answer
// or a transport failure for the module to judge, within the attempt's timeout, and
// nothing is read beyond the module's limits. The module's WAIT is here too (sleep): both
// race a timer against the caller's signal through timerOrAbort, the one place that
// clears what the race set up.
import { Transport, utf8Length } from "./module.mjs";

// The fetch's signal, made when the fetch reads it: Node makes an AbortSignal in ~3 µs, a
// tenth of a whole call, and a fetch that never reads it needs none. An own, enumerable
// accessor, so that a fetch that wraps another and spreads its init passes the signal on;
// one shared getter, since an object literal with a getter of its own measured slower
// than the signal it saves.
const kCtrl = Symbol("clerkmini attempt");
const lazySignal = { get() { return this[kCtrl].signal; }, enumerable: true, configurable: true };

/**
 * Sends req ({method, url, headers, body, timeout_ms}). Resolves to
 * {status, headers, chunks, length} or {kind, message}; never rejects.
 *
 * One promise per attempt, settled by whichever comes first: the answer, the attempt's
 * timer or the caller's abort. Nothing races a promise per step (each race costs a few
 * microseconds); what is still pending when the attempt is cut is left to settle unseen.
 */
export function attempt(fetch, req, limits, signal) {
  return new Promise((resolve) => {
    const ctrl = new AbortController();
    const cut = { done: false, reader: null }; // done: the attempt has its outcome
    let cancel = noop;
    const finish = (outcome) => {
      if (cut.done) return;
      cut.done = true;
      cancel();
      resolve(outcome);
    };
    const stop = (timedOut) => {
      if (cut.done) return;
      finish(timedOut
        ? { kind: Transport.TIMEOUT, message: `no answer within ${req.timeout_ms} ms` }
        : { kind: Transport.ABORTED, message: "aborted by the caller" });
      ctrl.abort(); // a fetch that honours its signal stops too
      if (cut.reader) quietly(() => cut.reader.cancel()); // and the body is not wanted
    };
    cancel = timerOrAbort(req.timeout_ms, signal, stop);
    if (cut.done) return; // aborted before it began
    let pending;
    try {
      const init = { method: req.method, headers: req.headers, body: req.body, redirect: "manual", [kCtrl]: ctrl };
      pending = fetch(req.url, Object.defineProperty(init, "signal", lazySignal));
    } catch (e) {
      return finish({ kind: Transport.NOT_SENT, message: `fetch threw: ${describe(e)}` });
    }
    // Something came back (if only a value that is not a Response), so the request may
    // well have reached Clerk.
    const broken = (e) => finish({ kind: Transport.MAYBE_SENT, message: describe(e) });
    try {
      Promise.resolve(pending).then(
        (res) => read(res, limits, cut),
        (e) => ({ kind: refused(e) ? Transport.NOT_SENT : Transport.MAYBE_SENT, message: `fetch: ${describe(e)}` }),
      ).then(finish, broken);
    } catch (e) {
      broken(e);
    }
  });
}

/** Resolves true after ms, or false as soon as signal aborts (the module's WAIT). */
export function sleep(ms, signal) {
  return new Promise((resolve) => { timerOrAbort(ms, signal, resolve); });
}

// Calls settle(true) once ms have passed or settle(false) as soon as signal aborts (at once
// when it already has), whichever comes first, and only that one; returns what cancels
// both. Whichever ends it, nothing is left behind: no timer to keep a script alive, no
// listener on the caller's signal, which may outlive many calls.
function timerOrAbort(ms, signal, settle) {
  if (signal?.aborted) {
    settle(false);
    return noop;
  }
  const cancel = () => {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  };
  const onAbort = () => { cancel(); settle(false); };
  const timer = setTimeout(() => { cancel(); settle(true); }, ms);
  signal?.addEventListener("abort", onAbort);
  return cancel;
}

function noop() {}

function read(res, limits, cut) {
  if (typeof res !== "object" || res === null) throw new Error(`fetch resolved to ${typeName(res)}, not a Response`);
  if (res.type === "opaqueredirect") throw new Error("the server answered with a redirect, which clerkmini does not follow");
  const status = res.status;
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new Error(`fetch's response has no HTTP status (status is ${typeName(status)})`);
  }
  const headers = headerLines(res.headers, limits.maxHeaderBytes);
  return readBody(res.body, limits.maxResponseBytes + 1, cut, { status, headers, chunks: [], length: 0 });
}

// The headers as the module takes them: "name: value" lines, a repeated name joined with
// ", ", at most max bytes (UTF-8) in all.
function headerLines(h, max) {
  if (typeof h !== "object" || h === null || typeof h.get !== "function" || typeof h.forEach !== "function") {
    throw new Error("fetch's response has no Headers (an object with get and forEach)");
  }
  const byName = new Map();
  let size = 0;
  h.forEach((value, name) => {
    if (typeof value !== "string" || typeof name !== "string" || /[\r\n]/.test(name + value)) {
      throw new Error("fetch's response has a header that is not a one-line string");
    }
    size += name.length + value.length + 4;
    if (size > max) throw new Error(`the response headers are larger than ${max} bytes`);
    const key = name.toLowerCase();
    byName.set(key, byName.has(key) ? `${byName.get(key)}, ${value}` : value);
  });
  let out = "";
  for (const [name, value] of byName) out += `${out ? "\n" : ""}${name}: ${value}`;
  // size counts UTF-16 units, and a unit is at most 3 bytes of UTF-8: only headers near the
  // bound need counting in bytes.
  if (3 * size > max && utf8Length(out) > max) throw new Error(`the response headers are larger than ${max} bytes`);
  return out;
}

// Reads at most limit bytes of a body stream into out's chunks (Uint8Arrays) and length.
async function readBody(body, limit, cut, out) {
  if (body === null) return out;
  if (typeof body !== "object" || typeof body.getReader !== "function") {
    throw new Error("fetch's response has no body stream (body is neither null nor a ReadableStream)");
  }
  const reader = body.getReader();
  cut.reader = reader;
  const { chunks } = out;
  let length = 0;
  let ended = false; // the stream said done: there is nothing left to cancel
  try {
    while (length < limit && !cut.done) {
      const r = await reader.read();
      if (typeof r !== "object" || r === null) throw new Error("the response body stream's read() did not resolve to {done, value}");
      if (r.done) {
        ended = true;
        break;
      }
      const v = r.value;
      if (!ArrayBuffer.isView(v)) throw new Error(`the response body stream yielded ${typeName(v)}, not bytes`);
      const c = new Uint8Array(v.buffer, v.byteOffset, Math.min(v.byteLength, limit - length));
      chunks.push(c);
      length += c.length;
    }
  } finally {
    if (!ended) quietly(() => reader.cancel()); // the rest is not wanted
  }
  out.length = length;
  return out;
}

function quietly(f) {
  try {
    Promise.resolve(f()).catch(() => {});
  } catch {
    // a stream that cannot even be cancelled: nothing more to do with it
  }
}

// A refused connection or a failed DNS lookup: certainly not sent, so safe to retry.
function refused(e) {
  try {
    const code = e?.cause?.code ?? e?.code;
    if (["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ConnectionRefused"].includes(code)) return true; // Node, Bun
    return /Connection refused|dns error/i.test(`${e?.message} ${e?.cause?.message}`); // Deno: in the cause
  } catch {
    return false;
  }
}

function typeName(v) {
  if (v === null) return "null";
  if (typeof v === "string") return "a string";
  if (typeof v !== "object") return typeof v === "undefined" ? "undefined" : `${typeof v} ${String(v).slice(0, 20)}`;
  return "an object";
}

/** A short text for any thrown or rejected value, even one without a prototype; never throws. */
export function describe(x) {
  try {
    let s;
    if (typeof x === "object" && x !== null) {
      const m = x.message;
      const cause = x.cause?.message;
      s = typeof m === "string" ? m : Object.prototype.toString.call(x);
      if (typeof cause === "string" && cause) s += ` (${cause})`;
    } else {
      s = String(x);
    }
    return s.length > 300 ? `${s.slice(0, 300)}…` : s;
  } catch {
    return "an unreadable value";
  }
}
