// A fetch that answers as the sandbox would, at once, with no server and no socket: what
// is left of a create + revoke pair is the clients' own cost. A fresh Response per request,
// as a real fetch gives.

/** The token every canned answer carries (its status set per request). */
export const TOKEN = { object: "sign_in_token", id: "sit_2aBcDeFgHiJkLmNoPqRsTuVwXyZ", status: "pending", user_id: "user_alice",
  token: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyX2FsaWNlIn0.c2lnbmF0dXJl", url: "https://accounts.example.test/sign-in?__clerk_ticket=x",
  created_at: 1764460800000, updated_at: 1764460800000 };

export async function cannedFetch(input) {
  const url = typeof input === "string" ? input : input.url ?? String(input);
  const body = JSON.stringify({ ...TOKEN, status: url.endsWith("/revoke") ? "revoked" : "pending" });
  return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
}
