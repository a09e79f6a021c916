// Compiled by `make test-wasm-types` (tsc --noEmit): code written against @clerk/backend's
// sign-in-token API type-checks against clerkmini.d.ts, and misuse does not.
import {
  ClerkAPIResponseError,
  ClerkTransportError,
  createClerkClient,
  isClerkAPIResponseError,
  type SignInToken,
} from "clerkmini"; // the package itself, as users import it

export async function mint(secretKey: string, module: WebAssembly.Module): Promise<string | null> {
  const clerk = await createClerkClient({ secretKey, apiUrl: "http://127.0.0.1:8787", wasm: module, fetch });
  try {
    const t: SignInToken = await clerk.signInTokens.createSignInToken({ userId: "user_a", expiresInSeconds: 60, orgId: "org_a" });
    const revoked = await clerk.signInTokens.revokeSignInToken(t.id, { signal: AbortSignal.timeout(5000) });
    const when: number = revoked.updatedAt - t.createdAt;
    return when > 0 ? t.url : t.token;
  } catch (err) {
    if (isClerkAPIResponseError(err)) {
      const first = err.errors[0];
      const wait: number | undefined = err.retryAfter;
      const long: string | undefined = first?.longMessage;
      return `${err.status} ${first?.code} ${long} ${String(first?.meta.paramName)} ${err.clerkTraceId} ${wait}`;
    }
    if (err instanceof ClerkTransportError && err.mayHaveReachedClerk) return "maybe";
    if (err instanceof ClerkAPIResponseError) return err.name;
    return null;
  }
}

export async function misuse(secretKey: string) {
  const clerk = await createClerkClient({ secretKey });
  // @ts-expect-error userId is required
  await clerk.signInTokens.createSignInToken({ expiresInSeconds: 60 });
  // @ts-expect-error expiresInSeconds is a number
  await clerk.signInTokens.createSignInToken({ userId: "u", expiresInSeconds: "60" });
  // @ts-expect-error revokeSignInToken takes the id, not an object
  await clerk.signInTokens.revokeSignInToken({ id: "sit_1" });
  // @ts-expect-error signal is an AbortSignal
  await clerk.signInTokens.revokeSignInToken("sit_1", { signal: true });
  // @ts-expect-error secretKey is required
  await createClerkClient({ apiUrl: "https://api.clerk.com" });
}
