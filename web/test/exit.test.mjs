// Scripts end when their work is done (no timer left behind by a call's attempt timeout),
// and stay alive while a call waits out a Retry-After. Each case runs a child Node process.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { wasmURL } from "./env.mjs";
import { startSandbox } from "../../cmd/sandbox/start.mjs";

const loader = new URL("../clerkmini.mjs", import.meta.url).href;
let sandbox;
before(async () => { sandbox = await startSandbox(); });
after(() => sandbox?.stop());

// runChild runs body in a child Node process with `clerk` ready, and returns its stdout.
async function runChild(body) {
  const script = `import { createClerkClient } from ${JSON.stringify(loader)};
    const clerk = await createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY, apiUrl: process.env.CLERK_API_URL, wasm: ${JSON.stringify(wasmURL.href)} });
    ${body}`;
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...process.env, ...sandbox.env },
  });
  return stdout;
}

test("after the last call, no timer keeps the process alive", async () => {
  const out = await runChild(`
    const tok = await clerk.signInTokens.createSignInToken({ userId: "user_alice" });
    await new Promise((r) => setImmediate(r));
    console.log(JSON.stringify({ status: tok.status, active: process.getActiveResourcesInfo() }));`);
  const { status, active } = JSON.parse(out);
  assert.equal(status, "pending");
  assert.deepEqual(active.filter((r) => r === "Timeout"), [], `still active: ${active}`);
});

test("a call waiting out a Retry-After keeps the process alive until it settles", async () => {
  await sandbox.inject({ op: "create", status: 429, retry_after_seconds: 1 });
  const out = await runChild(`
    const tok = await clerk.signInTokens.createSignInToken({ userId: "user_alice" });
    console.log(tok.status);`);
  assert.equal(out.trim(), "pending");
});
