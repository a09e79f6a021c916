// A Cloudflare Worker that uses clerkmini the way Workers must: the module imported as a
// WebAssembly.Module (Workers refuse to compile wasm bytes at run time). Each request
// creates a token, revokes it, revokes it again, and answers with what it saw.
import { ClerkAPIResponseError, createClerkClient } from "./clerkmini.mjs";
import wasm from "./clerkmini.wasm";

export default {
  async fetch(request, env) {
    if (new URL(request.url).pathname === "/health") return new Response("ok"); // the test's readiness probe
    const clerk = await createClerkClient({ secretKey: env.CLERK_SECRET_KEY, apiUrl: env.CLERK_API_URL, wasm });
    const created = await clerk.signInTokens.createSignInToken({ userId: "user_alice", expiresInSeconds: 300 });
    const revoked = await clerk.signInTokens.revokeSignInToken(created.id);
    let again = null;
    try {
      await clerk.signInTokens.revokeSignInToken(created.id);
    } catch (err) {
      again = { isClerkAPIResponseError: err instanceof ClerkAPIResponseError, status: err.status, code: err.errors?.[0]?.code };
    }
    return Response.json({
      created: { id: created.id, status: created.status, userId: created.userId, hasToken: created.token.length > 0 },
      revoked: { id: revoked.id, status: revoked.status },
      again,
    });
  },
};
