// start.mjs against the real sandbox (bin/sandbox) and against programs that are not one.
// Run: node --test cmd/sandbox/start.test.mjs (`make test-sandbox-js`).
import assert from "node:assert/strict";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { MAX_BANNER_BYTES, Sandbox, startSandbox } from "./start.mjs";

let dir;
before(async () => { dir = await mkdtemp(join(tmpdir(), "start-mjs-")); });
after(() => rm(dir, { recursive: true, force: true }));

// script writes an executable shell script that stands in for the sandbox.
async function script(name, body) {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

test("starts the sandbox, reads what it printed, drives it, stops it", async () => {
  const key = "sk_test_start_mjs_0123456789";
  const sb = await startSandbox({ key, args: ["-users", "user_x,user_y", "-org", ""] });
  try {
    assert.match(sb.apiUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(sb.secretKey, key);
    assert.deepEqual(sb.users, ["user_x", "user_y"]);
    assert.deepEqual(sb.env, { CLERK_API_URL: sb.apiUrl, CLERK_SECRET_KEY: key });
    assert.deepEqual(await sb.stats(), { requests: 0, tokens: 0 });
    assert.equal((await sb.inject({ op: "create", status: 503 })).status, 204);
    assert.equal((await sb.clearFaults()).status, 204);
    assert.equal(await sb.token("sit_none"), null);
    await assert.rejects(new Sandbox(sb.apiUrl, "sk_test_wrong_key_000000").stats(), /sandbox GET stats: 401/);
  } finally {
    await sb.stop();
  }
  await assert.rejects(fetch(`${sb.apiUrl}/__sandbox/stats`), "nothing listens once stop() resolved");
});

test("a missing binary names the make target that builds it", async () => {
  await assert.rejects(startSandbox({ bin: join(dir, "no-such-sandbox") }), /not found; build it with `make bin\/sandbox`/);
});

test("a sandbox that exits before it is ready: its status, never the key", async () => {
  const key = "pk_test_not_a_secret_key_00000";
  const err = await startSandbox({ key }).then(() => null, (e) => e);
  assert.match(err?.message, /exited \(2\) before it was ready/);
  assert.ok(!err.message.includes(key));
});

test(`a program that prints over ${MAX_BANNER_BYTES} bytes without the lines is refused and ended`, async () => {
  const pidFile = join(dir, "pid");
  const bin = await script("chatty", `echo $$ > ${pidFile}; while :; do echo "# not the sandbox's banner"; done`);
  await assert.rejects(startSandbox({ bin }), new RegExp(`printed over ${MAX_BANNER_BYTES} bytes`));
  assert.ok(await ended(Number(await readFile(pidFile, "utf8"))), "the program still runs");
});

// ended polls (a bounded number of times: a hang guard) until no process has this pid.
async function ended(pid) {
  for (let i = 0; i < 500; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}

test("a program that prints the users line but no address is refused", async () => {
  const bin = await script("half", 'echo "# users: user_alice"; exec sleep 30');
  await assert.rejects(startSandbox({ bin }), /printed no CLERK_API_URL= and CLERK_SECRET_KEY= lines/);
});
