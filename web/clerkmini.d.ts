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
  /** Whole seconds, at least 1; Clerk's default (30 days) when absent. */
  expiresInSeconds?: number;
  /** The organization to activate on sign-in; the user must be a member. */
  orgId?: string;
}

export interface SignInTokenAPI {
  createSignInToken(params: CreateSignInTokenParams): Promise<SignInToken>;
  revokeSignInToken(signInTokenId: string): Promise<SignInToken>;
}

export interface ClerkClient {
  readonly signInTokens: SignInTokenAPI;
}

export interface ClerkClientOptions {
  /** sk_test_… or sk_live_…. Never ship it to a browser in production. */
  secretKey: string;
  /** The API origin, as CLERK_API_URL (default https://api.clerk.com); /v1 is added. */
  apiUrl?: string;
  /** The fetch to send with (a Worker's, a test double); globalThis.fetch by default. */
  fetch?: typeof fetch;
  /**
   * The module: a URL, its bytes, or a compiled WebAssembly.Module (Cloudflare Workers:
   * `import wasm from "./clerkmini.wasm"`). Default: clerkmini.wasm beside this file.
   */
  wasm?: string | URL | BufferSource | WebAssembly.Module;
}

/** Resolves once the module is ready; rejects with a TypeError for bad options or a malformed key. */
export function createClerkClient(options: ClerkClientOptions): Promise<ClerkClient>;

/** One entry of Clerk's errors array; meta's keys are camelCased (param_name → paramName). */
export interface ClerkAPIError {
  code: string;
  message: string;
  longMessage: string;
  meta: Record<string, unknown>;
}

/** Clerk answered with an error status. errors is empty when the body was not Clerk's JSON (a proxy's 502). */
export class ClerkAPIResponseError extends Error {
  readonly name: "ClerkAPIResponseError";
  readonly clerkError: true;
  status: number;
  clerkTraceId?: string;
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

/** No answer came back: connection failed, timed out or was aborted. */
export class ClerkTransportError extends Error {
  readonly name: "ClerkTransportError";
  attempts: number;
  /** True when Clerk may have processed the request: a create may have minted a token. */
  mayHaveReachedClerk: boolean;
}

export function isClerkAPIResponseError(err: unknown): err is ClerkAPIResponseError;
