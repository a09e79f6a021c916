// Fetches that answer at once with no network: a sign-in token, or what a case wants.

/** A token as Clerk sends it. */
export function tokenJSON(id = "sit_canned", userId = "user_alice", status = "pending") {
  return JSON.stringify({ object: "sign_in_token", id, status, user_id: userId, token: `eyJ${"x".repeat(400)}`,
    url: null, created_at: 1700000000000, updated_at: 1700000000000 });
}

/** A fetch that answers every request with a fresh Response made by answer(url, init). */
export function cannedFetch(answer) {
  const seen = [];
  const f = async (url, init) => {
    seen.push({ url: String(url), init });
    return answer(url, init);
  };
  f.seen = seen;
  return f;
}

/** The token answer: a created token for a POST to /sign_in_tokens, a revoked one for a revoke. */
export function tokenAnswer(url) {
  const revoke = String(url).endsWith("/revoke");
  return new Response(tokenJSON("sit_canned", "user_alice", revoke ? "revoked" : "pending"),
    { status: 200, headers: { "Content-Type": "application/json" } });
}
