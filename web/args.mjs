// Argument checks that need JavaScript types. They throw a TypeError before anything is
// sent and never repeat a value, which could be a credential pasted in the wrong place.
// The module then checks what the values say (an id's characters, the key's form, each
// number's range), and its refusals are TypeErrors too.
//
// Options are read from the object's own properties only: a property inherited from a
// polluted Object.prototype (fetch, apiUrl) must never receive the key.

const own = (o, name) => (Object.hasOwn(o, name) ? o[name] : undefined);
const given = (v) => v !== undefined && v !== null;
const text = (v) => typeof v === "string" && v !== "";
const whole = (v) => !given(v) || Number.isSafeInteger(v); // absent, or a whole number for the module to range-check

function object(v, what) {
  if (typeof v !== "object" || v === null) throw new TypeError(what);
  return v;
}

/** createClerkClient's options, checked; absent ones are undefined. */
export function readOptions(options) {
  const o = object(options, "createClerkClient: pass an options object with secretKey");
  const [secretKey, apiUrl, fetch, userAgent, wasm, timeoutMs, retries] =
    ["secretKey", "apiUrl", "fetch", "userAgent", "wasm", "timeoutMs", "retries"].map((k) => own(o, k));
  if (!text(secretKey)) {
    throw new TypeError("createClerkClient: secretKey must be a non-empty string (sk_test_… or sk_live_…)");
  }
  if (given(apiUrl) && typeof apiUrl !== "string") {
    throw new TypeError("createClerkClient: apiUrl must be a string, such as https://api.clerk.com");
  }
  if (given(fetch) && typeof fetch !== "function") {
    throw new TypeError("createClerkClient: fetch must be a function with the signature of fetch");
  }
  if (given(userAgent) && typeof userAgent !== "string") {
    throw new TypeError("createClerkClient: userAgent must be a string");
  }
  if (given(wasm) && !isWasmSource(wasm)) {
    throw new TypeError("createClerkClient: wasm must be a URL, bytes or a WebAssembly.Module");
  }
  if (!whole(timeoutMs)) throw new TypeError("createClerkClient: timeoutMs must be a whole number of milliseconds");
  if (!whole(retries)) throw new TypeError("createClerkClient: retries must be a whole number");
  return { secretKey, apiUrl, fetch, userAgent, wasm, timeoutMs, retries };
}

function isWasmSource(w) {
  return typeof w === "string" || w instanceof URL || w instanceof WebAssembly.Module ||
    w instanceof ArrayBuffer || ArrayBuffer.isView(w);
}

/** createSignInToken's params, checked. expiresInSeconds 0 (or absent) means Clerk's default. */
export function readCreateParams(params) {
  const p = object(params, "createSignInToken: pass an object with userId");
  const [userId, expiresInSeconds, orgId] = ["userId", "expiresInSeconds", "orgId"].map((k) => own(p, k));
  if (!text(userId)) {
    throw new TypeError("createSignInToken: userId must be a non-empty string");
  }
  if (!whole(expiresInSeconds)) {
    throw new TypeError("createSignInToken: expiresInSeconds must be a whole number of seconds (0: Clerk's default)");
  }
  if (given(orgId) && !text(orgId)) {
    throw new TypeError("createSignInToken: orgId must be a non-empty string when given");
  }
  return { userId, expiresInSeconds, orgId };
}

export function checkTokenId(id) {
  if (!text(id)) {
    throw new TypeError("revokeSignInToken: signInTokenId must be a non-empty string");
  }
}

/** A call's options ({ signal }): the AbortSignal, or undefined. */
export function readCallOptions(options, method) {
  if (!given(options)) return undefined;
  const signal = own(object(options, `${method}: options must be an object such as { signal }`), "signal");
  if (!given(signal)) return undefined;
  if (typeof signal !== "object" || typeof signal.aborted !== "boolean" || typeof signal.addEventListener !== "function" ||
      typeof signal.removeEventListener !== "function") {
    throw new TypeError(`${method}: signal must be an AbortSignal`);
  }
  return signal;
}
