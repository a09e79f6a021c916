// Runs the suite in a page: the same cases as every other host, the module fetched beside
// the loader (or as bytes / a compiled Module in the case that checks those).
import { Sandbox } from "../../cmd/sandbox/start.mjs"; // served: browser.test.mjs serves the repository
import { runAll } from "./suite.mjs";

const cfg = JSON.parse(decodeURIComponent(location.hash.slice(1)));
const wasm = new URL(`../${cfg.wasm}`, location.href);
const env = {
  a: new Sandbox(cfg.a.apiUrl, cfg.a.secretKey),
  b: new Sandbox(cfg.b.apiUrl, cfg.b.secretKey),
  wasm, shared: null, inspect: null, closedURL: cfg.closedURL, resendsPost: true, seesRefusal: false, runsEvery: false,
  bytes: async () => new Uint8Array(await (await fetch(wasm)).arrayBuffer()),
};
const result = await runAll(env);
const { passed, skipped, failed } = result;
document.getElementById("out").textContent =
  `${passed.length} passed, ${skipped.length} skipped, ${failed.length} failed\n${JSON.stringify({ skipped, failed }, null, 2)}`;
window.suiteResult = result;
