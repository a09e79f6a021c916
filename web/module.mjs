// The clerkmini WebAssembly module: loading, instantiating, and moving bytes in and out of
// its memory. The exports are documented in cmd/wasm/README.md; this file is the only
// place that knows their names and numbers.
import { wasiImports } from "./wasi.mjs";

/** What clerkmini_next and friends return. */
export const Action = Object.freeze({ SEND: 1, WAIT: 2, DONE: 3, FAIL: 4 });
/** clerkmini_transport_error's kinds. */
export const Transport = Object.freeze({ NOT_SENT: 1, MAYBE_SENT: 2, TIMEOUT: 3, ABORTED: 4 });

const ABI_VERSION = 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Instances by what they were loaded from: a WebAssembly.Module, or a URL's text. Bytes
// are compiled each time (there is nothing cheap to key them on).
const byModule = new WeakMap();
const byURL = new Map();

/** Resolves to the ready Instance for the `wasm` option (default: clerkmini.wasm beside this file). */
export function instanceFor(wasm) {
  if (wasm instanceof WebAssembly.Module) return cached(byModule, wasm, async () => wasm);
  if (wasm === undefined || wasm === null) wasm = new URL("./clerkmini.wasm", import.meta.url);
  if (typeof wasm === "string" || wasm instanceof URL) {
    const url = new URL(wasm, import.meta.url);
    return cached(byURL, url.href, () => compileURL(url));
  }
  return WebAssembly.compile(wasm).then(instantiate);
}

function cached(map, key, compile) {
  let inst = map.get(key);
  if (!inst) {
    inst = compile().then(instantiate);
    map.set(key, inst);
    // A module that failed to load, or trapped later, is loaded afresh next time.
    inst.then((i) => i.onDead(() => map.delete(key)), () => map.delete(key));
  }
  return inst;
}

async function compileURL(url) {
  if (url.protocol === "file:") {
    const { readFile } = await import("node:fs/promises"); // Node, Deno and Bun all have it
    return WebAssembly.compile(await readFile(url));
  }
  const response = await globalThis.fetch(url);
  if (!response.ok) throw new Error(`clerkmini: loading ${url.href}: HTTP ${response.status}`);
  if (WebAssembly.compileStreaming && response.headers.get("content-type") === "application/wasm") {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

function instantiate(module) {
  const imports = {};
  let memory = null;
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.module === "gojs") {
      throw new Error("clerkmini: this WebAssembly module was built for GOOS=js (wasm_exec.js); this loader needs clerkmini's export module (cmd/wasm/README.md)");
    }
    if (imp.module !== "wasi_snapshot_preview1" || imp.kind !== "function") {
      throw new Error(`clerkmini: the WebAssembly module imports ${imp.module}.${imp.name}, which this loader does not provide (is it clerkmini.wasm?)`);
    }
    imports.wasi_snapshot_preview1 ??= wasiImports(() => memory);
  }
  const instance = new WebAssembly.Instance(module, imports);
  const x = instance.exports;
  if (typeof x.clerkmini_abi_version !== "function" || !(x.memory instanceof WebAssembly.Memory)) {
    throw new Error("clerkmini: the WebAssembly module has no clerkmini_abi_version export (is it clerkmini.wasm?)");
  }
  memory = x.memory;
  x._initialize?.();
  const version = x.clerkmini_abi_version();
  if (version !== ABI_VERSION) {
    throw new Error(`clerkmini: the WebAssembly module speaks ABI ${version}; this loader speaks ${ABI_VERSION}`);
  }
  return new Instance(x);
}

/**
 * One running module, shared by every client made from it. Each method is one call into
 * the module; a trap (a bug in the module, never the host's input) ends the instance and
 * every later call on it fails with the same clear error.
 */
export class Instance {
  #x;
  #dead = null;
  #onDead = [];

  constructor(exports) {
    this.#x = exports;
    this.maxHeaderBytes = exports.clerkmini_max_header_bytes();
    this.maxResponseBytes = exports.clerkmini_max_response_bytes();
    this.maxInput = exports.clerkmini_max_input();
  }

  onDead(fn) { if (this.#dead) fn(); else this.#onDead.push(fn); }

  /** Makes a client; resolves to its handle, or throws the module's FAIL payload. */
  clientNew(config) {
    return this.#enter(() => {
      const h = this.#x.clerkmini_client_new(...this.#input(JSON.stringify(config)));
      if (h === 0) throw new ModuleFailure(this.#output());
      return h;
    });
  }

  clientFree(client) { this.#free(this.#x.clerkmini_client_free, client); }

  /** Starts a call ("create" or "revoke"); returns [call, action, payload]. */
  start(op, client, args) {
    return this.#enter(() => {
      const fn = op === "create" ? this.#x.clerkmini_create : this.#x.clerkmini_revoke;
      const call = fn(client, ...this.#input(JSON.stringify(args)));
      if (call === 0) return [0, Action.FAIL, this.#output()];
      return [call, this.#x.clerkmini_next(call), this.#output()];
    });
  }

  /** Asks for a call's current step again (after a WAIT); returns [action, payload]. */
  next(call) { return this.#enter(() => [this.#x.clerkmini_next(call), this.#output()]); }

  /** Reports an answer: headers as "name: value" lines, body as bytes chunks. */
  response(call, status, headers, chunks, bodyLength) {
    return this.#enter(() => {
      const hn = utf8Length(headers);
      const hp = this.#alloc(hn);
      const bp = this.#alloc(bodyLength);
      const mem = this.#mem(); // after both allocs: memory may have grown
      encoder.encodeInto(headers, mem.subarray(hp, hp + hn));
      let at = bp;
      for (const c of chunks) { mem.set(c, at); at += c.length; }
      return [this.#x.clerkmini_response(call, status, Date.now(), hp, hn, bp, bodyLength), this.#output()];
    });
  }

  /** Reports an attempt that got no answer. */
  transportError(call, kind, message) {
    return this.#enter(() => {
      const action = this.#x.clerkmini_transport_error(call, kind, ...this.#input(message));
      return [action, this.#output()];
    });
  }

  callFree(call) { this.#free(this.#x.clerkmini_call_free, call); }

  /** How many clients the module holds: made and not yet freed (for gc.test.mjs). */
  liveClients() { return this.#enter(() => this.#x.clerkmini_live_clients()); }

  /** The memory the module holds now, in bytes (for reports and the soak test). */
  memoryBytes() { return this.#x.memory.buffer.byteLength; }

  #enter(fn) {
    if (this.#dead) throw this.#dead;
    try {
      return fn();
    } catch (e) {
      if (e instanceof ModuleFailure) throw e;
      this.#dead = new Error(`clerkmini: the WebAssembly module stopped (${e?.message ?? e}); create a new client`);
      for (const f of this.#onDead.splice(0)) f();
      throw this.#dead;
    }
  }

  // Frees a client or a call with the export free, unless there is none (handle 0: a call
  // that did not start) or the instance is dead (its clients and calls went with it).
  #free(free, handle) { if (handle && !this.#dead) this.#enter(() => free(handle)); }

  #alloc(len) {
    const p = this.#x.clerkmini_alloc(len) >>> 0;
    if (p === 0 && len > 0) {
      throw new ModuleFailure({ kind: "validation", field: "input", message: `clerkmini: an argument of ${len} bytes is over the module's limit of ${this.maxInput}` });
    }
    return p;
  }

  // A string in, as UTF-8, written straight into the module's memory.
  #input(text) {
    const n = utf8Length(text);
    const p = this.#alloc(n);
    encoder.encodeInto(text, this.#mem().subarray(p, p + n));
    return [p, n];
  }

  #output() {
    const p = this.#x.clerkmini_output_ptr() >>> 0;
    const n = this.#x.clerkmini_output_len() >>> 0;
    return JSON.parse(decoder.decode(this.#mem().subarray(p, p + n)));
  }

  // A view of the module's memory, made afresh only when the memory has grown (which
  // detaches the old buffer, leaving the old view empty).
  #view = new Uint8Array(0);
  #mem() {
    if (this.#view.byteLength === 0) this.#view = new Uint8Array(this.#x.memory.buffer);
    return this.#view;
  }
}

/** The length of s in UTF-8, without encoding it (lone surrogates count as U+FFFD's 3 bytes). */
export function utf8Length(s) {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++, n += 2; // a pair: 4 bytes
    else n += 2;
  }
  return n;
}

/** A FAIL payload thrown out of Instance (not a trap). */
export class ModuleFailure extends Error {
  constructor(payload) {
    super(payload?.message);
    this.payload = payload;
  }
}
