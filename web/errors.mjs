// Errors in @clerk/backend's shape. Code written for @clerk/backend that calls
// isClerkAPIResponseError(err) from @clerk/shared/error, or reads err.status,
// err.clerkTraceId, err.retryAfter or err.errors[0].code, works unchanged: the classes
// below carry the properties of @clerk/shared 4.41's ClerkAPIResponseError and
// ClerkAPIError, with the same types, and the same static `kind` its type guards test.

// Clerk's meta keys that @clerk/shared keeps (camelCased); it drops any other key.
const META_KEYS = ["param_name", "session_id", "email_addresses", "identifiers", "zxcvbn", "plan",
  "is_plan_upgrade_possible", "seats_quantity_to_add", "seats_quantity", "trace_id", "kind", "title",
  "description", "link_url", "link_text", "data"];
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** One entry of Clerk's errors array, as @clerk/shared's ClerkAPIError. */
export class ClerkAPIError {
  static kind = "ClerkAPIError";

  constructor({ code, message, long_message: longMessage, meta }) {
    this.code = code;
    this.message = message;
    this.longMessage = longMessage; // undefined when Clerk sent none, as @clerk/shared's
    this.meta = {};
    const m = typeof meta === "object" && meta !== null && !Array.isArray(meta) ? meta : {};
    for (const k of META_KEYS) this.meta[camel(k)] = Object.hasOwn(m, k) ? m[k] : undefined;
  }
}

/**
 * Clerk answered with an error status: its error JSON (errors[] filled), or any other
 * answer such as a proxy's HTML 502 (errors[] empty, status kept).
 */
export class ClerkAPIResponseError extends Error {
  static kind = "ClerkAPIResponseError";
  // @clerk/shared's ClerkError fields, in its order; code and longMessage are the
  // response error's own (always "api_response_error" and undefined), not Clerk's entries'.
  clerkError = true;
  code = "api_response_error";
  longMessage = undefined;
  docsUrl = undefined;
  cause = undefined;
  status;
  clerkTraceId;
  retryAfter;
  errors;

  constructor(message, { data = [], status, clerkTraceId = "", retryAfter } = {}) {
    super(message);
    this.status = status;
    this.clerkTraceId = clerkTraceId;
    this.retryAfter = retryAfter;
    this.errors = data.map((e) => new ClerkAPIError(e));
  }

  get name() { return "ClerkAPIResponseError"; }

  toString() { // as @clerk/shared's
    let s = `[${this.name}]\nMessage:${this.message}\nStatus:${this.status}\nSerialized errors: ${this.errors.map((e) => JSON.stringify(e))}`;
    if (this.clerkTraceId) s += `\nClerk Trace ID: ${this.clerkTraceId}`;
    return s;
  }
}

/** No answer came back: the connection failed, timed out, or the caller aborted. */
export class ClerkTransportError extends Error {
  constructor(message, { attempts, mayHaveReachedClerk, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.attempts = attempts;
    // True when Clerk may have processed the request: a create may have minted a token.
    this.mayHaveReachedClerk = mayHaveReachedClerk;
  }

  get name() { return "ClerkTransportError"; }
}

/** As @clerk/shared's guard: by the class's static kind, or instanceof. */
export function isClerkAPIResponseError(err) {
  return (typeof err === "object" && err !== null && err.constructor?.kind === ClerkAPIResponseError.kind) ||
    err instanceof ClerkAPIResponseError;
}

/**
 * The error to throw for the module's FAIL payload (cmd/wasm/README.md). cause is the
 * caller's abort reason when the call was aborted.
 */
export function errorFromModule(e, cause) {
  switch (e?.kind) {
    case "clerk":
    case "sdk": {
      const err = new ClerkAPIResponseError(e.message, {
        data: e.errors ?? [],
        status: e.status,
        clerkTraceId: e.clerk_trace_id ?? "",
        retryAfter: e.retry_after === undefined ? undefined : Math.ceil(e.retry_after), // whole seconds, as @clerk/backend's
      });
      err.attempts = e.attempts;
      // True when an earlier attempt's outcome is unknown and may have taken effect.
      if (e.earlier_attempt_unknown) err.earlierAttemptUnknown = true;
      if (e.reason !== undefined) err.reason = e.reason; // what was wrong with a non-Clerk answer
      return err;
    }
    case "transport":
      return new ClerkTransportError(e.message, { attempts: e.attempts, mayHaveReachedClerk: e.may_have_reached_clerk, cause });
    case "validation": {
      const err = new TypeError(e.message);
      err.field = e.field;
      return err;
    }
    default:
      return new Error(`clerkmini: ${e?.message ?? "the module failed without saying why"}`);
  }
}
