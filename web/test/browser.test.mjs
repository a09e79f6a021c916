// Headless Chromium (Debian's, driven by playwright-core, which never downloads a browser
// here), for the module CLERKMINI_WASM names: the suite in a page (suite.html), and the
// playground, where a person's clicks create and revoke a token (screenshots are saved to
// web/test-results/ for a human to look at). Sandboxes serve the pages beside their API:
// the playground's serves web/, as a developer runs it; the suite's serves the repository,
// since the page imports the sandbox's control client from cmd/sandbox/.
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";
import { startSandbox } from "../../cmd/sandbox/start.mjs";
import { closedPortURL } from "./ports.mjs";
import { checkOutcome } from "./outcome.mjs";
import { KEY_A, KEY_B, Skipped } from "./suite.mjs";

const webDir = fileURLToPath(new URL("..", import.meta.url));
const repoDir = fileURLToPath(new URL("../..", import.meta.url));
const results = fileURLToPath(new URL("../test-results/", import.meta.url));
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

const wasmFile = process.env.CLERKMINI_WASM ?? "clerkmini.wasm";
let sandbox; // the playground's
let a;
let b;
let browser;

before(async () => {
  [sandbox, a, b] = await Promise.all([startSandbox({ web: webDir }), startSandbox({ key: KEY_A, web: repoDir }), startSandbox({ key: KEY_B })]);
  // Playwright gives the browser a fresh temporary profile of its own.
  browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  await Promise.all([sandbox?.stop(), a?.stop(), b?.stop()]);
});

test(`the suite in a page (${wasmFile})`, async (t) => {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  const cfg = { wasm: wasmFile, closedURL: await closedPortURL(),
    a: { apiUrl: a.apiUrl, secretKey: a.secretKey }, b: { apiUrl: b.apiUrl, secretKey: b.secretKey } };
  await page.goto(`${a.apiUrl}/web/test/suite.html#${encodeURIComponent(JSON.stringify(cfg))}`);
  await page.waitForFunction(() => window.suiteResult !== undefined, null, { timeout: 120_000 });
  await checkOutcome(t, await page.evaluate(() => window.suiteResult), [Skipped.noShared]);
  assert.deepEqual(problems, []);
});

const field = (page, name) => page.locator(`#result dd[data-field="${name}"]`).first().textContent();

test("the playground creates, revokes and shows Clerk's error for a second revoke", async () => {
  const page = await browser.newPage({ viewport: { width: 900, height: 1100 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  // Chromium logs every error status it fetched; the second revoke's 400 is the one expected.
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 400 \(Bad Request\)/.test(m.text())) problems.push(m.text());
  });
  await page.goto(`${sandbox.apiUrl}/?wasm=${wasmFile}`);

  assert.match(await page.locator(".warning").textContent(), /Never ship a secret key to a browser in production/);
  assert.equal(await page.inputValue("#apiUrl"), sandbox.apiUrl);

  await page.fill("#secretKey", sandbox.secretKey);
  await page.click("#connectBtn");
  await page.waitForSelector("#ready.ok");
  assert.match(await page.textContent("#ready"), /Module ready in \d+ ms/);

  await page.fill("#userId", "user_bob");
  await page.click("#createBtn");
  await page.waitForSelector("#resultTitle:text-is('Created')");
  assert.equal(await field(page, "status"), "pending");
  assert.equal(await field(page, "userId"), "user_bob");
  assert.match(await field(page, "token"), /characters, hidden\)$/);
  const id = await page.inputValue("#tokenId");
  assert.match(id, /^sit_/);
  assert.equal((await sandbox.token(id)).status, "pending");

  await page.click("#revokeBtn");
  await page.waitForSelector("#resultTitle:text-is('Revoked')");
  assert.equal(await field(page, "status"), "revoked");
  assert.equal(await field(page, "id"), id);
  assert.equal((await sandbox.token(id)).status, "revoked");
  await mkdir(results, { recursive: true });
  await page.screenshot({ path: join(results, "playground-revoked.png"), fullPage: true });

  await page.click("#revokeBtn");
  await page.waitForSelector("#resultTitle:text-is('ClerkAPIResponseError')");
  assert.equal(await field(page, "status"), "400");
  assert.equal(await field(page, "code"), "sign_in_token_cannot_be_revoked_code");
  await page.screenshot({ path: join(results, "playground-error.png"), fullPage: true });

  const text = await page.locator("body").innerText();
  assert.ok(!text.includes(sandbox.secretKey), "the page shows the secret key");
  assert.deepEqual(problems, []);
});

test("a bad argument shows a TypeError and sends nothing", async () => {
  const page = await browser.newPage();
  await page.goto(`${sandbox.apiUrl}/?wasm=${wasmFile}`);
  await page.fill("#secretKey", sandbox.secretKey);
  await page.click("#connectBtn");
  await page.waitForSelector("#ready.ok");
  let sent = 0;
  page.on("request", (r) => { if (r.url().includes("/v1/")) sent++; });
  await page.fill("#tokenId", "../users");
  await page.click("#revokeBtn");
  await page.waitForSelector("#resultTitle:text-is('TypeError')");
  assert.match(await field(page, "message"), /sign_in_token_id/);
  assert.equal(sent, 0);
});
