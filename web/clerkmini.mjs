// clerkmini for JavaScript: clerkmini's core, compiled to WebAssembly, in @clerk/backend's
// shape. One module for browsers, Node, Deno, Bun and Cloudflare Workers.
//
//   import { createClerkClient } from "./clerkmini.mjs";
//   const clerk = await createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY });
//   const token = await clerk.signInTokens.createSignInToken({ userId: "user_…" });
//
// The module does no I/O: for each call it says what to do next (send this request, wait
// this long, done, failed), and this loader does it with fetch and timers (cmd/wasm/README.md).
// Clients made from one module share one instance; each client's key is kept only inside
// the module, never in a JavaScript object, so logging a client never shows it.
import { ClerkTransportError, errorFromModule } from "./errors.mjs";
import { checkTokenId, readCallOptions, readCreateParams, readOptions } from "./args.mjs";
import { Action, instanceFor, ModuleFailure, Transport } from "./module.mjs";
import { attempt, sleep } from "./send.mjs";

export { ClerkAPIError, ClerkAPIResponseError, ClerkTransportError, isClerkAPIResponseError } from "./errors.mjs";

// Frees a client's side in the module when its JavaScript object is collected. A throw
// here would be an uncaught error in the host, and a stopped instance has nothing to free.
const finalizer = typeof FinalizationRegistry === "function"
  ? new FinalizationRegistry(({ inst, handle }) => {
    try {
      inst.clientFree(handle);
    } catch {
      // the instance stopped: its clients went with it
    }
  })
  : null;

/**
 * Creates a client for one secret key. Resolves once the WebAssembly module is ready; the
 * first call loads it (a file read in Node, Deno and Bun, a fetch in browsers), later
 * calls reuse it.
 */
export async function createClerkClient(options) {
  const o = readOptions(options);
  const inst = await instanceFor(o.wasm);
  const config = { secret_key: o.secretKey, api_url: o.apiUrl, user_agent: o.userAgent, retries: o.retries, timeout_ms: o.timeoutMs,
    jitter_seed: jitterSeed() };
  let handle;
  try {
    handle = inst.clientNew(config);
  } catch (e) {
    throw callerError(e);
  }
  return new ClerkClient(new SignInTokenAPI(inst, handle, o.fetch));
}

/** A Clerk Backend API client, as @clerk/backend's, with only signInTokens. */
class ClerkClient {
  constructor(signInTokens) {
    this.signInTokens = signInTokens;
    Object.freeze(this);
  }
}

class SignInTokenAPI {
  #inst;
  #handle;
  #fetch;

  constructor(inst, handle, fetch) {
    this.#inst = inst;
    this.#handle = handle;
    this.#fetch = fetch;
    finalizer?.register(this, { inst, handle });
  }

  /** Mints a sign-in token; see clerkmini.d.ts. */
  async createSignInToken(params, options) {
    const { userId, expiresInSeconds, orgId } = readCreateParams(params);
    const signal = readCallOptions(options, "createSignInToken");
    return this.#run("create", { user_id: userId, expires_in_seconds: expiresInSeconds || undefined, org_id: orgId }, signal);
  }

  /** Revokes a pending sign-in token; see clerkmini.d.ts. */
  async revokeSignInToken(signInTokenId, options) {
    checkTokenId(signInTokenId);
    return this.#run("revoke", { sign_in_token_id: signInTokenId }, readCallOptions(options, "revokeSignInToken"));
  }

  // Drives one call: the module decides, this does what it says until DONE or FAIL.
  async #run(op, args, signal) {
    if (signal?.aborted) {
      throw new ClerkTransportError("clerkmini: aborted before anything was sent", { attempts: 0, mayHaveReachedClerk: false, cause: signal.reason });
    }
    const inst = this.#inst;
    const fetch = this.#fetch ?? globalThis.fetch;
    let call = 0;
    try {
      let action, payload;
      [call, action, payload] = inst.start(op, this.#handle, args);
      for (;;) {
        if (action === Action.SEND) {
          const out = await attempt(fetch, payload, inst, signal);
          [action, payload] = out.kind
            ? inst.transportError(call, out.kind, out.message)
            : inst.response(call, out.status, out.headers, out.chunks, out.length);
        } else if (action === Action.WAIT) {
          [action, payload] = (await sleep(payload.wait_ms, signal))
            ? inst.next(call)
            : inst.transportError(call, Transport.ABORTED, "aborted by the caller while waiting to retry");
        } else if (action === Action.DONE) {
          return signInToken(payload);
        } else if (action === Action.FAIL) {
          throw errorFromModule(payload, signal?.aborted ? signal.reason : undefined);
        } else {
          throw new Error(`clerkmini: the module asked for unknown action ${action}`);
        }
      }
    } catch (e) {
      throw callerError(e);
    } finally {
      inst.callFree(call);
    }
  }
}

// What a caller sees of e: the module's refusal as its clerkmini error, anything else as is.
function callerError(e) {
  return e instanceof ModuleFailure ? errorFromModule(e.payload) : e;
}

// The seed of the client's retry jitter (the module has no randomness of its own), so that
// clients that failed together do not retry together. Spreading retries needs no
// cryptographic quality, and Node loads its Web Crypto lazily, for milliseconds.
function jitterSeed() {
  return Math.floor(Math.random() * 2 ** 53);
}

// The module's token, as @clerk/backend's SignInToken.
function signInToken(t) {
  return {
    id: t.id,
    userId: t.user_id,
    token: t.token ?? "",
    status: t.status,
    url: t.url ?? null,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
  };
}
