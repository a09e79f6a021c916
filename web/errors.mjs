// Errors in @clerk/backend's shape. Code written for @clerk/backend that checks
// err.status, err.errors[0].code or isClerkAPIResponseError(err) works unchanged.

/**
 * Clerk answered with an error status: its error JSON (errors[] filled), or any other
 * answer such as a proxy's HTML 502 (errors[] empty, status kept).
 */
export class ClerkAPIResponseError extends Error {
  constructor(message, { data = [], status, clerkTraceId, retryAfter } = {}) {
    super(message);
    this.name = "ClerkAPIResponseError";
    this.clerkError = true;
    this.status = status;
    this.clerkTraceId = clerkTraceId;
    this.retryAfter = retryAfter;
    this.errors = data;
  }
}

/** No answer came back: the connection failed, timed out, or was aborted. */
export class ClerkTransportError extends Error {
  constructor(message, { attempts, mayHaveReachedClerk } = {}) {
    super(message);
    this.name = "ClerkTransportError";
    this.attempts = attempts;
    // True when Clerk may have processed the request: a Create may have minted a token.
    this.mayHaveReachedClerk = mayHaveReachedClerk;
  }
}

/** As @clerk/shared's: true for a ClerkAPIResponseError. */
export function isClerkAPIResponseError(err) {
  return typeof err === "object" && err !== null && "clerkError" in err;
}

// errorFromGo turns cmd/wasm's plain error description into the error to throw.
export function errorFromGo(e) {
  if (e instanceof Error) return e; // thrown by the host itself, e.g. an exited runtime
  switch (e?.kind) {
    case "clerk": {
      const err = new ClerkAPIResponseError(e.message, {
        data: e.errors.map(clerkError),
        status: e.status,
        clerkTraceId: e.traceId || undefined,
        retryAfter: e.retryAfter > 0 ? e.retryAfter : undefined,
      });
      err.attempts = e.attempts;
      // True when an earlier attempt's outcome is unknown and may have taken effect.
      err.earlierAttemptUnknown = e.earlierAttemptUnknown;
      return err;
    }
    case "sdk": {
      const err = new ClerkAPIResponseError(e.message, {
        status: e.status,
        clerkTraceId: e.traceId || undefined,
      });
      err.reason = e.reason;
      err.attempts = e.attempts;
      return err;
    }
    case "transport":
      return new ClerkTransportError(e.message, e);
    case "validation": {
      const err = new TypeError(e.message);
      err.field = e.field;
      return err;
    }
    default:
      return new Error(e?.message ?? String(e));
  }
}

// Clerk's snake_case meta keys become camelCase, as @clerk/backend's parseError does.
function clerkError({ code, message, longMessage, meta }) {
  const out = {};
  for (const [k, v] of Object.entries(parseObject(meta))) {
    out[k.replace(/_([a-z])/g, (_, c) => c.toUpperCase())] = v;
  }
  return { code, message, longMessage, meta: out };
}

// Clerk's meta as an object; anything else (absent, not JSON, not an object) as {}.
function parseObject(text) {
  try {
    const v = text ? JSON.parse(text) : null;
    return typeof v === "object" && v !== null && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}
