// The suite for hosts without Node's test runner (Deno, Bun): runs every case in order and
// ends with the line "N passed, N failed", exiting non-zero on any failure.
import { setup, wasmURL } from "./env.mjs";
import { cases } from "./suite.mjs";

const host = globalThis.Deno ? `deno ${Deno.version.deno}` : globalThis.Bun ? `bun ${Bun.version}` : `node ${process.version}`;
const env = await setup();
let passed = 0;
let failed = 0;
try {
  for (const [name, fn] of cases) {
    try {
      await fn(env);
      passed++;
      console.log(`ok - ${name}`);
    } catch (err) {
      failed++;
      console.log(`not ok - ${name}\n  ${String(err?.stack ?? err).replaceAll("\n", "\n  ")}`);
    }
  }
} finally {
  await env.stop();
}
console.log(`${host}, ${wasmURL.pathname.replace(/^.*\//, "")}: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
