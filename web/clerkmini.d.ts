// Types of clerkmini.mjs: @clerk/backend's names for the sign-in-token part of its API.

/** A sign-in token, as @clerk/backend's SignInToken. token and url are credentials. */
export interface SignInToken {
  id: string;
  userId: string;
  /** A one-use JWT that signs the user in ("ticket" strategy); "" when Clerk sent none. */
  token: string;
  status: "pending" | "accepted" | "revoked" | string;
  /** An Account Portal link carrying the token, or null. */
  url: string | null;
  /** Unix milliseconds. */
  createdAt: number;
  /** Unix milliseconds. */
  updatedAt: number;
}

export interface CreateSignInTokenParams {
  userId: string;
  /** Whole seconds; 0 or absent: Clerk's default (30 days). */
  expiresInSeconds?: number;
  /** The organization to activate on sign-in; the user must be a member. */
  orgId?: string;
}

/** Per-call options. */
export interface CallOptions {
  /**
   * Aborts the call: the fetch in flight and any wait before a retry. The call then
   * rejects with a ClerkTransportError whose cause is signal.reason.
   */
  signal?: AbortSignal;
}

export interface SignInTokenAPI {
  createSignInToken(params: CreateSignInTokenParams, options?: CallOptions): Promise<SignInToken>;
  revokeSignInToken(signInTokenId: string, options?: CallOptions): Promise<SignInToken>;
}

export interface ClerkClient {
  readonly signInTokens: SignInTokenAPI;
}

export interface ClerkClientOptions {
  /** sk_test_… or sk_live_…. Never ship it to a browser in production. */
  secretKey: string;
  /** The API origin, as CLERK_API_URL (default https://api.clerk.com); /v1 is added. */
  apiUrl?: string;
  /** The fetch to send with (a Worker's, a test double); globalThis.fetch at each call by default. */
  fetch?: typeof fetch;
  /** Put before clerkmini's own User-Agent product. */
  userAgent?: string;
  /** Each attempt's timeout in milliseconds (default 10000). */
  timeoutMs?: number;
  /** Retries of what is safe to retry (default 2). */
  retries?: number;
  /**
   * The module: a URL, its bytes, or a compiled WebAssembly.Module (Cloudflare Workers:
   * `import wasm from "./clerkmini.wasm"`). Default: clerkmini.wasm beside this file.
   */
  wasm?: string | URL | BufferSource | WebAssembly.Module;
}

/**
 * Resolves once the module is ready; rejects with a TypeError for bad options or a
 * malformed key. Options are read from the object's own properties only.
 */
export function createClerkClient(options: ClerkClientOptions): Promise<ClerkClient>;

/** One entry of Clerk's errors array, as @clerk/shared's ClerkAPIError. */
export class ClerkAPIError {
  static readonly kind: "ClerkAPIError";
  code: string;
  message: string;
  /** undefined when Clerk sent none. */
  longMessage: string | undefined;
  /** @clerk/shared's meta keys, camelCased (param_name → paramName); others are dropped. */
  meta: {
    paramName?: string; sessionId?: string; emailAddresses?: string[]; identifiers?: string[]; zxcvbn?: unknown;
    plan?: unknown; isPlanUpgradePossible?: boolean; seatsQuantityToAdd?: number; seatsQuantity?: number;
    traceId?: string; kind?: string; title?: string; description?: string; linkUrl?: string; linkText?: string;
    data?: unknown;
  };
}

/**
 * Clerk answered with an error status, with the properties of @clerk/shared's
 * ClerkAPIResponseError (its isClerkAPIResponseError returns true). errors is empty when
 * the body was not Clerk's JSON (a proxy's 502).
 */
export class ClerkAPIResponseError extends Error {
  static readonly kind: "ClerkAPIResponseError";
  readonly name: "ClerkAPIResponseError";
  readonly clerkError: true;
  readonly code: "api_response_error";
  longMessage: undefined;
  docsUrl: undefined;
  status: number;
  /** "" when Clerk sent none (neither in the body, Clerk-Trace-Id nor cf-ray). */
  clerkTraceId: string;
  /** Seconds to wait, from Retry-After (429). */
  retryAfter?: number;
  errors: ClerkAPIError[];
  /** How many requests the call sent (clerkmini retries what is safe to retry). */
  attempts?: number;
  /** An earlier attempt's outcome is unknown and may have taken effect. */
  earlierAttemptUnknown?: boolean;
  /** For a non-JSON answer: what was wrong with it. */
  reason?: string;
}

/** No answer came back: connection failed, timed out, the fetch misbehaved, or the caller aborted. */
export class ClerkTransportError extends Error {
  readonly name: "ClerkTransportError";
  attempts: number;
  /** The caller's signal.reason when the call was aborted. */
  cause?: unknown;
  /** True when Clerk may have processed the request: a create may have minted a token. */
  mayHaveReachedClerk: boolean;
}

export function isClerkAPIResponseError(err: unknown): err is ClerkAPIResponseError;
