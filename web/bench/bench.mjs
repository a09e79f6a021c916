// make bench-wasm: a report, for each module named on the command line (web/ relative),
// of what matters to a Worker: bytes shipped, time to ready, per-call cost, memory. Not a
// test: nothing here asserts a time or a size (CI machines are shared). Run with
// --expose-gc --max-semi-space-size=1 (as make does) so that memory reads steadily.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { createClerkClient } from "../clerkmini.mjs";
import { standalone } from "./standalone.mjs";
import { tokenAnswer, tokenJSON } from "../test/canned.mjs";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const p90 = (xs) => sorted(xs)[Math.floor(xs.length * 0.9)];
const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
const MiB = (n) => `${(n / 2 ** 20).toFixed(2)} MiB`;
// Arguments: the modules to measure, then after --sizes the ones to size only.
const args = process.argv.slice(2);
const cut = args.includes("--sizes") ? args.indexOf("--sizes") : args.length;
const modules = args.slice(0, cut).filter((m) => existsSync(here(`../${m}`)));
const sizeOnly = args.slice(cut + 1).filter((m) => existsSync(here(`../${m}`)));

// The loader's JavaScript: the .mjs files package.json ships.
const loader = JSON.parse(readFileSync(here("../package.json"), "utf8")).files.filter((f) => f.endsWith(".mjs"));

function size(paths) {
  const data = Buffer.concat(paths.map((p) => readFileSync(here(`../${p}`))));
  return { raw: data.length, gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
}

// The loader as a bundler that minifies ships it: esbuild from bench/'s tools, when installed.
function minified() {
  const esbuild = here("../../bench/node_modules/.bin/esbuild");
  if (!existsSync(esbuild)) return null;
  const out = execFileSync(esbuild, ["--bundle", "--minify", "--format=esm", "--platform=neutral", "--external:node:*", here("../clerkmini.mjs")]);
  return { raw: out.length, gzip: gzipSync(out, { level: 9 }).length,
    brotli: brotliCompressSync(out, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
}

function sizes() {
  console.log("## Bytes an edge worker ships (gzip -9, brotli q11)\n\n| what | raw | gzip | brotli |\n|---|---:|---:|---:|");
  const row = (name, s) => console.log(`| ${name} | ${kB(s.raw)} | ${kB(s.gzip)} | ${kB(s.brotli)} |`);
  row(`loader (${loader.join(", ")})`, size(loader));
  const min = minified();
  if (min) row("loader, bundled and minified (esbuild --bundle --minify)", min);
  for (const m of modules) {
    row(m, size([m]));
    // Gzip works per file on the wire: the total is the sum of the two, as a Worker ships them.
    const [l, w] = [size(loader), size([m])];
    row(`**${m} + loader**`, { raw: l.raw + w.raw, gzip: l.gzip + w.gzip, brotli: l.brotli + w.brotli });
  }
  for (const m of sizeOnly) row(m.replace(/^.*\//, ""), size([m]));
}

function ready(m, runs) {
  const rows = Array.from({ length: runs }, () =>
    JSON.parse(execFileSync(process.execPath, [here("./ready.mjs"), here(`../${m}`)], { encoding: "utf8" })));
  const col = (k) => `${median(rows.map((r) => r[k])).toFixed(2)} ms`;
  return `| ${m} | ${col("compile")} | ${col("instantiate")} | ${col("ready")} | ${col("importLoader")} |`;
}

// Per create + revoke pair with a fetch that answers at once, against plain JavaScript
// doing the same with the same canned fetch (the floor: fetch, read, JSON.parse).
async function perCall(m, n) {
  const clerk = await createClerkClient({ secretKey: "sk_test_bench_0123456789", fetch: tokenAnswer, wasm: new URL(`../${m}`, import.meta.url) });
  const ours = async () => {
    const t = await clerk.signInTokens.createSignInToken({ userId: "user_alice", expiresInSeconds: 600 });
    await clerk.signInTokens.revokeSignInToken(t.id);
  };
  const floor = async () => {
    for (const url of ["https://api.clerk.com/v1/sign_in_tokens", "https://api.clerk.com/v1/sign_in_tokens/sit_canned/revoke"]) {
      const res = await tokenAnswer(url, { method: "POST", body: "{}" });
      JSON.parse(await res.text());
    }
  };
  const time = async (f) => { const t = performance.now(); await f(); return (performance.now() - t) * 1000; };
  for (let i = 0; i < 2000; i++) { await ours(); await floor(); } // warm up
  const a = [];
  const b = [];
  for (let i = 0; i < n; i++) { a.push(await time(ours)); b.push(await time(floor)); } // interleaved: drift hits both
  const mean = a.reduce((x, y) => x + y, 0) / n;
  return `| ${m} | ${median(a).toFixed(1)} µs | ${p90(a).toFixed(1)} µs | ${mean.toFixed(1)} µs | ${median(b).toFixed(1)} µs | ${(median(a) - median(b)).toFixed(1)} µs |`;
}

// The module alone: its exports called in a loop with the canned answer, no fetch, no
// promise, no timer (mean per pair, its garbage collections included).
function moduleAlone(m, n) {
  const { inst } = standalone(here(`../${m}`));
  const h = inst.clientNew({ secret_key: "sk_test_bench_0123456789", jitter_seed: 1 });
  const body = new TextEncoder().encode(tokenJSON());
  const pair = () => {
    for (const [op, args] of [["create", { user_id: "user_alice" }], ["revoke", { sign_in_token_id: "sit_canned" }]]) {
      const [call] = inst.start(op, h, args);
      inst.response(call, 200, "content-type: application/json", [body], body.length);
      inst.callFree(call);
    }
  };
  for (let i = 0; i < 2000; i++) pair();
  const xs = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    pair();
    xs.push((performance.now() - t) * 1000);
  }
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  return `| ${m} | ${median(xs).toFixed(1)} µs | ${p90(xs).toFixed(1)} µs | ${mean.toFixed(1)} µs |`;
}

// Memory over many pairs: the module's WebAssembly memory and the process's RSS, after a
// collection, before and after.
async function memory(m, n) {
  const mems = [];
  const Real = WebAssembly.Instance;
  WebAssembly.Instance = class extends Real {
    constructor(...args) { super(...args); mems.push(this.exports.memory); }
  };
  const wasm = await WebAssembly.compile(readFileSync(here(`../${m}`))); // a fresh instance
  const clerk = await createClerkClient({ secretKey: "sk_test_bench_0123456789", fetch: tokenAnswer, wasm });
  WebAssembly.Instance = Real;
  const pair = async () => {
    const t = await clerk.signInTokens.createSignInToken({ userId: "user_alice" });
    await clerk.signInTokens.revokeSignInToken(t.id);
  };
  for (let i = 0; i < 2000; i++) await pair();
  const snap = () => { globalThis.gc?.(); return { mem: mems[0].buffer.byteLength, rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed }; };
  const s0 = snap();
  for (let i = 0; i < n; i++) await pair();
  const s1 = snap();
  return `| ${m} | ${MiB(s0.mem)} → ${MiB(s1.mem)} | ${MiB(s0.rss)} → ${MiB(s1.rss)} (${MiB(s1.rss - s0.rss)}) | ${MiB(s0.heap)} → ${MiB(s1.heap)} |`;
}

console.log(`# clerkmini WebAssembly report (node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`);
sizes();
console.log("\n## Time to ready in Node (median of 10 fresh processes)\n\n| module | compile | instantiate + client | ready | import the loader |\n|---|---:|---:|---:|---:|");
for (const m of modules) console.log(ready(m, 10));
console.log(`\n## Per create + revoke pair, canned fetch (no network), 2,000 pairs each\n\n| module | median | p90 | mean | plain JS, same fetch (median) | clerkmini's own cost (median) |\n|---|---:|---:|---:|---:|---:|`);
for (const m of modules) console.log(await perCall(m, 2000));
console.log("\nOf which the module alone (its exports in a loop with the canned answer: no fetch, promise or timer; 20,000 pairs, its GC included):\n\n| module | median | p90 | mean |\n|---|---:|---:|---:|");
for (const m of modules) console.log(moduleAlone(m, 20_000));
console.log("\n## Memory over 100,000 create + revoke pairs (after 2,000 to warm up)\n\n| module | WebAssembly memory | RSS | JS heap used |\n|---|---|---|---|");
for (const m of modules) console.log(await memory(m, 100_000));
console.log(`\n(The canned token is ${tokenJSON().length} bytes.)`);
