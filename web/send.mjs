// One attempt of the module's SEND through a fetch: the host's, or one the caller passed,
// which may misbehave in any way. Whatever it does (throws, resolves to something that is
// not a Response, never settles, streams strings), the attempt ends with either an answer
// or a transport failure for the module to judge, within the attempt's timeout, and
// nothing is read beyond the module's limits.
import { Transport } from "./module.mjs";

const CUT = Symbol("cut"); // the attempt's timeout or the caller's abort
const encoder = new TextEncoder();

/**
 * Sends req ({method, url, headers, body, timeout_ms}). Resolves to
 * {status, headers, chunks, length} or {kind, message}; never rejects.
 */
export async function attempt(fetch, req, limits, signal) {
  const ctrl = new AbortController();
  let why = 0;
  let reject;
  const cut = new Promise((_, r) => { reject = r; }); // settles first when the attempt is cut
  cut.catch(() => {});
  const stop = (kind) => {
    if (why !== 0) return;
    why = kind;
    reject(CUT);
    ctrl.abort(); // a fetch that honours its signal stops too
  };
  const onAbort = () => stop(Transport.ABORTED);
  signal?.addEventListener("abort", onAbort);
  if (signal?.aborted) stop(Transport.ABORTED);
  const timer = setTimeout(() => stop(Transport.TIMEOUT), req.timeout_ms);
  const within = (p) => Promise.race([p, cut]);
  try {
    if (why) throw CUT;
    let pending;
    try {
      pending = fetch(req.url, { method: req.method, headers: req.headers, body: req.body, redirect: "manual", signal: ctrl.signal });
    } catch (e) {
      return { kind: Transport.NOT_SENT, message: `fetch threw: ${describe(e)}` };
    }
    let res;
    try {
      res = await within(pending);
    } catch (e) {
      if (e === CUT) throw e;
      return { kind: refused(e) ? Transport.NOT_SENT : Transport.MAYBE_SENT, message: `fetch: ${describe(e)}` };
    }
    return await within(read(res, limits, within));
  } catch (e) {
    if (e === CUT) {
      return why === Transport.TIMEOUT
        ? { kind: why, message: `no answer within ${req.timeout_ms} ms` }
        : { kind: Transport.ABORTED, message: "aborted by the caller" };
    }
    // Something came back, so the request may well have reached Clerk.
    return { kind: Transport.MAYBE_SENT, message: describe(e) };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

async function read(res, limits, within) {
  if (typeof res !== "object" || res === null) throw new Error(`fetch resolved to ${typeName(res)}, not a Response`);
  if (res.type === "opaqueredirect") throw new Error("the server answered with a redirect, which clerkmini does not follow");
  const status = res.status;
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new Error(`fetch's response has no HTTP status (status is ${typeName(status)})`);
  }
  const headers = headerLines(res.headers, limits.maxHeaderBytes);
  return { status, headers, ...(await readBody(res.body, limits.maxResponseBytes + 1, within)) };
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
  if (encoder.encode(out).length > max) throw new Error(`the response headers are larger than ${max} bytes`);
  return out;
}

// Reads at most limit bytes of a body stream, as Uint8Array chunks.
async function readBody(body, limit, within) {
  if (body === null) return { chunks: [], length: 0 };
  if (typeof body !== "object" || typeof body.getReader !== "function") {
    throw new Error("fetch's response has no body stream (body is neither null nor a ReadableStream)");
  }
  const reader = body.getReader();
  const chunks = [];
  let length = 0;
  try {
    while (length < limit) {
      const r = await within(reader.read());
      if (typeof r !== "object" || r === null) throw new Error("the response body stream's read() did not resolve to {done, value}");
      if (r.done) break;
      const v = r.value;
      if (!ArrayBuffer.isView(v)) throw new Error(`the response body stream yielded ${typeName(v)}, not bytes`);
      const c = new Uint8Array(v.buffer, v.byteOffset, Math.min(v.byteLength, limit - length));
      chunks.push(c);
      length += c.length;
    }
  } finally {
    quietly(() => reader.cancel()); // the rest is not wanted
  }
  return { chunks, length };
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
    return /Connection refused|dns error/i.test(String(e?.message)); // Deno
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
