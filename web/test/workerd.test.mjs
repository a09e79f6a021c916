// clerkmini inside Cloudflare's runtime, workerd (from npm): the worker in workerd/
// creates and revokes a token through a sandbox on loopback. Run: node --test.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { closedPortURL, startSandbox } from "./sandbox.mjs";

const workerdBin = createRequire(import.meta.url)("workerd").default; // the binary's path
const config = fileURLToPath(new URL("./workerd/config.capnp", import.meta.url));

let sandbox;
let workerd;
let base;

before(async () => {
  sandbox = await startSandbox();
  // workerd cannot listen on port 0 and say which port it got: give it one that was free a
  // moment ago, and another if something took it in between.
  for (let attempt = 1; ; attempt++) {
    base = await closedPortURL();
    workerd = spawn(workerdBin, ["serve", config, "--socket-addr", `http=${new URL(base).host}`], {
      env: { ...process.env, CLERK_API_URL: sandbox.apiUrl, CLERK_SECRET_KEY: sandbox.secretKey },
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (await serving(base, workerd)) return;
    if (attempt === 3) throw new Error(`workerd exited with ${workerd.exitCode}`);
  }
});

after(async () => {
  if (workerd && workerd.exitCode === null) {
    workerd.removeAllListeners("exit");
    const gone = new Promise((r) => workerd.once("exit", r));
    workerd.kill();
    await gone;
  }
  await sandbox?.stop();
});

// workerd prints nothing when ready: poll the worker, a bounded number of times, until it
// answers (true) or workerd exits (false).
async function serving(url, child) {
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    try {
      const res = await fetch(`${url}/health`);
      if ((await res.text()) === "ok") return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  if (child.exitCode === null) throw new Error("workerd did not start serving");
  return false;
}

async function run() {
  const res = await fetch(base);
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return JSON.parse(text);
}

test("a worker creates, revokes and revokes again through the sandbox", async () => {
  const { created, revoked, again } = await run();
  assert.match(created.id, /^sit_/);
  assert.equal(created.status, "pending");
  assert.equal(created.userId, "user_alice");
  assert.equal(created.hasToken, true);
  assert.deepEqual(revoked, { id: created.id, status: "revoked" });
  assert.deepEqual(again, { isClerkAPIResponseError: true, status: 400, code: "sign_in_token_cannot_be_revoked_code" });
  assert.equal((await sandbox.token(created.id)).status, "revoked");
});

test("later and concurrent requests share the Go instance the first one started", async () => {
  const answers = await Promise.all([run(), run(), run(), run()]);
  assert.equal(new Set(answers.map((a) => a.created.id)).size, 4);
  for (const a of answers) {
    assert.equal(a.revoked.status, "revoked");
    assert.equal(a.again.code, "sign_in_token_cannot_be_revoked_code");
  }
});
