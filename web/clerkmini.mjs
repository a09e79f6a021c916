// clerkmini for JavaScript: clerkmini's Go client, compiled to WebAssembly, in
// @clerk/backend's shape. One module for browsers, Node, Deno, Bun and Cloudflare Workers.
//
//   import { createClerkClient } from "./clerkmini.mjs";
//   const clerk = await createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY });
//   const token = await clerk.signInTokens.createSignInToken({ userId: "user_…" });
//
// The module runs one Go instance per WebAssembly module, shared by every client made
// from it; each client has its own key inside Go, and the key is kept nowhere in
// JavaScript objects, so logging a client never shows it.

// Go's glue, copied from the toolchain that built clerkmini.wasm (`make wasm`). It defines
// globalThis.Go, which TinyGo's glue also defines: capture ours at once.
import "./wasm_exec.js";

import { ClerkAPIResponseError, ClerkTransportError, errorFromGo } from "./errors.mjs";
import { checkCreateParams, checkOptions, checkTokenId } from "./args.mjs";
import { hold, release, unrefGoTimers } from "./keepalive.mjs";

export { ClerkAPIResponseError, ClerkTransportError, isClerkAPIResponseError } from "./errors.mjs";

const GoRuntime = globalThis.Go;
const READY_KEY = "__clerkminiReady"; // cmd/wasm/main.go's readyKey

// Runtimes by what they were loaded from: a WebAssembly.Module, or a URL's text.
const byModule = new WeakMap();
const byURL = new Map();

// Frees a client's Go side when its JavaScript object is collected. After the Go instance
// has exited there is nothing left to free, and a throw here would be an uncaught error.
const finalizer = typeof FinalizationRegistry === "function"
  ? new FinalizationRegistry(({ api, handle }) => {
    try {
      api.free(handle);
    } catch {
      // the instance exited
    }
  })
  : null;

/**
 * Creates a client for one secret key. Resolves once the WebAssembly module is ready; the
 * first call loads it (a file read in Node, Deno and Bun, a fetch in browsers), later
 * calls reuse it.
 */
export async function createClerkClient(options) {
  checkOptions(options);
  const { secretKey, apiUrl, fetch, wasm } = options;
  const api = await runtimeFor(wasm);
  const made = api.newClient(secretKey, apiUrl ?? "", fetch ?? undefined);
  if (made.error) throw errorFromGo(JSON.parse(made.error));
  return new ClerkClient(api, made.handle);
}

/** A Clerk Backend API client, as @clerk/backend's, with only signInTokens. */
class ClerkClient {
  constructor(api, handle) {
    this.signInTokens = new SignInTokenAPI(api, handle);
    Object.freeze(this);
  }
}

class SignInTokenAPI {
  #api;
  #handle;

  constructor(api, handle) {
    this.#api = api;
    this.#handle = handle;
    finalizer?.register(this, { api, handle });
  }

  /** Mints a sign-in token; see clerkmini.d.ts. */
  async createSignInToken(params) {
    checkCreateParams(params);
    const { userId, expiresInSeconds, orgId } = params;
    return this.#settle((resolve, reject) =>
      this.#api.create(this.#handle, userId, expiresInSeconds ?? 0, orgId ?? "", resolve, reject));
  }

  /** Revokes a pending sign-in token; see clerkmini.d.ts. */
  async revokeSignInToken(signInTokenId) {
    checkTokenId(signInTokenId);
    return this.#settle((resolve, reject) => this.#api.revoke(this.#handle, signInTokenId, resolve, reject));
  }

  // The Go side settles a Promise made here (one call into Go, not two) with JSON text.
  async #settle(start) {
    let text;
    hold();
    try {
      text = await new Promise(start);
    } catch (e) {
      throw errorFromGo(typeof e === "string" ? JSON.parse(e) : e);
    } finally {
      release();
    }
    return JSON.parse(text);
  }
}

// runtimeFor returns the API of a running Go instance for the wasm option, starting one
// the first time a module is seen.
function runtimeFor(wasm) {
  if (wasm instanceof WebAssembly.Module) return cached(byModule, wasm, () => wasm);
  if (wasm === undefined || wasm === null) wasm = new URL("./clerkmini.wasm", import.meta.url);
  if (typeof wasm === "string" || wasm instanceof URL) {
    const url = new URL(wasm, import.meta.url);
    return cached(byURL, url.href, () => compileURL(url));
  }
  return start(WebAssembly.compile(wasm)); // bytes: compiled each time, nothing to key on
}

function cached(map, key, compile) {
  let api = map.get(key);
  if (!api) {
    api = start(Promise.resolve().then(compile));
    map.set(key, api);
    api.then((a) => a.exited.then(() => map.delete(key)), () => map.delete(key));
  }
  return api;
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

// start instantiates the module with the glue of the compiler that built it and runs its
// main, which hands back the API synchronously before it blocks.
async function start(moduleP) {
  const module = await moduleP;
  const Go = await glueFor(module);
  const go = new Go();
  unrefGoTimers(go);
  const instance = await WebAssembly.instantiate(module, go.importObject);
  let api;
  globalThis[READY_KEY] = (a) => { api = a; };
  let exited;
  try {
    exited = go.run(instance);
  } finally {
    delete globalThis[READY_KEY];
  }
  if (!api) throw new Error("clerkmini: the WebAssembly module did not start (is it clerkmini.wasm?)");
  api.exited = exited.then(() => {}, () => {});
  return api;
}

let tinyGo; // TinyGo's Go class, loaded on first need

// A TinyGo module imports WASI; Go's imports only "gojs". Their glues are not
// interchangeable.
async function glueFor(module) {
  const imports = WebAssembly.Module.imports(module);
  if (!imports.some((i) => i.module === "gojs")) {
    throw new Error("clerkmini: the WebAssembly module did not start: it is not a Go or TinyGo js/wasm module (is it clerkmini.wasm?)");
  }
  const wasi = imports.some((i) => i.module === "wasi_snapshot_preview1");
  if (!wasi) return GoRuntime;
  tinyGo ??= (async () => {
    const before = globalThis.Go;
    await import("./wasm_exec.tinygo.js"); // `make wasm-tinygo` copies it from TinyGo
    const T = globalThis.Go;
    globalThis.Go = before;
    return T;
  })();
  return tinyGo;
}
