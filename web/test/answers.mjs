// Clerk's answers as @clerk/backend reads them, and answers that echo the key: Clerk's
// {errors: []} stays Clerk's error with its Retry-After, cf-ray is read as the trace id,
// and every string from a response is scrubbed of the key in every form a server could
// echo it (the core does both, once, for every face).
import { deepEqual, equal, ok } from "./assert.mjs";
import { isClerkAPIResponseError } from "../clerkmini.mjs";
import { KEY_A, offline, rejection } from "./suite.mjs";

export const answerCases = [
  ["Clerk's answers as @clerk/backend reads them: {errors: []} keeps Retry-After, cf-ray is the trace id", async (env) => {
    const answers = [
      new Response(JSON.stringify({ errors: [] }), { status: 429, headers: { "Content-Type": "application/json", "Retry-After": "90" } }),
      new Response(JSON.stringify({ errors: [{ code: "resource_not_found", message: "not found" }] }),
        { status: 404, headers: { "Content-Type": "application/json", "cf-ray": "8f0c-ray" } }),
    ];
    const clerk = await offline(env, async () => answers.shift());
    const e429 = await rejection(clerk.signInTokens.createSignInToken({ userId: "user_alice" }));
    ok(isClerkAPIResponseError(e429), e429.message);
    equal(e429.status, 429);
    equal(e429.retryAfter, 90);
    deepEqual(e429.errors, []);
    const e404 = await rejection(clerk.signInTokens.createSignInToken({ userId: "user_alice" }));
    equal(e404.clerkTraceId, "8f0c-ray");
  }],

  ["an answer that echoes the key never puts it in an error", async (env) => {
    const key = KEY_A;
    const half = key.length >> 1;
    const forms = [key, key.toLowerCase(), key.toUpperCase(), encodeURIComponent(`Bearer ${key}`), `Bearer ${key}`,
      [...key].map((c) => "%" + c.charCodeAt(0).toString(16)).join(""), // every character percent-encoded
      [...key].map((c) => "\\u00" + c.charCodeAt(0).toString(16)).join(""), // JSON-escaped, as the text a proxy writes
      `${key.slice(0, half)}\n${key.slice(half)}`, `${key.slice(0, half)}\r\n ${key.slice(half)}`];
    const clerk = await offline(env, async (_, init) => {
      const auth = init.headers.Authorization ?? init.headers.authorization;
      ok(auth === `Bearer ${key}`, "the key is sent");
      const echo = forms.join(" ");
      return new Response(JSON.stringify({ errors: [{ code: echo, message: echo, long_message: echo, meta: { param_name: echo } }],
        clerk_trace_id: echo }), { status: 400, headers: { "Content-Type": "application/json", "Clerk-Trace-Id": key } });
    });
    const err = await rejection(clerk.signInTokens.createSignInToken({ userId: "user_alice" }));
    const text = `${err.message} ${err.stack} ${String(err)} ${JSON.stringify(err)} ${JSON.stringify(err.errors)}`;
    for (const f of forms) ok(!text.includes(f), `the error holds the key as ${f === key ? "sent" : "echoed in another form"}`);
    // Decoded, lower-cased and without line breaks, no copy of the key is left either.
    const flat = decodeURIComponent(text.replace(/%(?![0-9a-f]{2})/gi, "%25")).replace(/\\u00([0-9a-f]{2})/gi,
      (_, h) => String.fromCharCode(parseInt(h, 16))).replace(/\\[rn]|[\r\n ]/g, "").toLowerCase();
    ok(!flat.includes(key.toLowerCase()), "a decoded copy of the key is in the error");
  }],

];
