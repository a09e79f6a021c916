// The suite for hosts without Node's test runner (Deno, Bun): runs every case in order and
// ends with the line "N passed, N failed", exiting non-zero on any failure.
import { setup, wasmURL } from "./env.mjs";
import { runAll } from "./suite.mjs";

const host = globalThis.Deno ? `deno ${Deno.version.deno}` : globalThis.Bun ? `bun ${Bun.version}` : `node ${process.version}`;
const env = await setup();
let result;
try {
  result = await runAll(env, (name, error) =>
    console.log(error === null ? `ok - ${name}` : `not ok - ${name}\n  ${error.replaceAll("\n", "\n  ")}`));
} finally {
  await env.stop();
}
const passed = result.passed.length;
const failed = result.failed.length;
console.log(`${host}, ${wasmURL.pathname.replace(/^.*\//, "")}: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
