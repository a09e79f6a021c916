// Argument checks that need JavaScript types. They throw a TypeError before anything is
// sent and never repeat a value, which could be a credential pasted in the wrong place.
// The Go side then checks what the values say (an id's characters, the key's form).

export function checkOptions(options) {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("createClerkClient: pass an options object with secretKey");
  }
  const { secretKey, apiUrl, fetch, wasm } = options;
  if (typeof secretKey !== "string" || secretKey === "") {
    throw new TypeError("createClerkClient: secretKey must be a non-empty string (sk_test_… or sk_live_…)");
  }
  if (apiUrl !== undefined && apiUrl !== null && typeof apiUrl !== "string") {
    throw new TypeError("createClerkClient: apiUrl must be a string, such as https://api.clerk.com");
  }
  if (fetch !== undefined && fetch !== null && typeof fetch !== "function") {
    throw new TypeError("createClerkClient: fetch must be a function with the signature of fetch");
  }
  if (wasm !== undefined && wasm !== null && !isWasmSource(wasm)) {
    throw new TypeError("createClerkClient: wasm must be a URL, bytes or a WebAssembly.Module");
  }
}

function isWasmSource(w) {
  return typeof w === "string" || w instanceof URL || w instanceof WebAssembly.Module ||
    w instanceof ArrayBuffer || ArrayBuffer.isView(w);
}

export function checkCreateParams(params) {
  if (typeof params !== "object" || params === null) {
    throw new TypeError("createSignInToken: pass an object with userId");
  }
  const { userId, expiresInSeconds, orgId } = params;
  if (typeof userId !== "string" || userId === "") {
    throw new TypeError("createSignInToken: userId must be a non-empty string");
  }
  if (expiresInSeconds !== undefined && expiresInSeconds !== null &&
      !(Number.isSafeInteger(expiresInSeconds) && expiresInSeconds >= 1)) {
    throw new TypeError("createSignInToken: expiresInSeconds must be a whole number of seconds, at least 1");
  }
  if (orgId !== undefined && orgId !== null && (typeof orgId !== "string" || orgId === "")) {
    throw new TypeError("createSignInToken: orgId must be a non-empty string when given");
  }
}

export function checkTokenId(id) {
  if (typeof id !== "string" || id === "") {
    throw new TypeError("revokeSignInToken: signInTokenId must be a non-empty string");
  }
}
