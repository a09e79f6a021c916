// The suite for hosts without Node's test runner (Deno, Bun): runs every case in order and
// ends with the line "N passed, N skipped, N failed", exiting non-zero on any failure (a
// case that skips here is one: env.runsEvery).
import { setup, wasmURL } from "./env.mjs";
import { runAll } from "./suite.mjs";

const host = globalThis.Deno ? `deno ${Deno.version.deno}` : globalThis.Bun ? `bun ${Bun.version}` : `node ${process.version}`;
const env = await setup();
let result;
try {
  result = await runAll(env, (name, { skipped, error }) => console.log(
    error !== undefined ? `not ok - ${name}\n  ${error.replaceAll("\n", "\n  ")}` : skipped !== undefined ? `ok - ${name} # SKIP ${skipped}` : `ok - ${name}`));
} finally {
  await env.stop();
}
const passed = result.passed.length;
const skipped = result.skipped.length;
const failed = result.failed.length;
console.log(`${host}, ${wasmURL.pathname.replace(/^.*\//, "")}: ${passed} passed, ${skipped} skipped, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
