// make bench-wasm: a report of sizes, time to ready and per-call overhead. Not a test:
// nothing here asserts a time (CI machines are shared).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { createClerkClient } from "../clerkmini.mjs";
import { startSandbox } from "../test/sandbox.mjs";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;

function sizes() {
  const files = [
    ["clerkmini.wasm (Go, stand-in pretty)", "../clerkmini.wasm"],
    ["clerkmini.wasm (Go, tidwall/pretty)", "../../bin/clerkmini.tidwall-pretty.wasm"],
    ["clerkmini.tinygo.wasm", "../clerkmini.tinygo.wasm"],
    ["wasm_exec.js (Go glue)", "../wasm_exec.js"],
    ["wasm_exec.tinygo.js (TinyGo glue)", "../wasm_exec.tinygo.js"],
    ["clerkmini.mjs + errors.mjs + args.mjs", ["../clerkmini.mjs", "../errors.mjs", "../args.mjs"]],
  ];
  console.log("## Sizes (gzip -9, brotli q11)\n\n| file | raw | gzip | brotli |\n|---|---:|---:|---:|");
  for (const [name, paths] of files) {
    const list = [paths].flat().map(here);
    if (!list.every(existsSync)) {
      console.log(`| ${name} | not built | | |`);
      continue;
    }
    const data = Buffer.concat(list.map((p) => readFileSync(p)));
    const gz = gzipSync(data, { level: 9 }).length;
    const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    console.log(`| ${name} | ${kb(data.length)} (${data.length} B) | ${kb(gz)} | ${kb(br)} |`);
  }
}

function ready(wasm, runs) {
  const rows = [];
  for (let i = 0; i < runs; i++) {
    rows.push(JSON.parse(execFileSync(process.execPath, [here("./ready.mjs"), here(wasm)], { encoding: "utf8" })));
  }
  const col = (k) => `${median(rows.map((r) => r[k])).toFixed(1)} ms`;
  return `| ${wasm.replace(/^.*\//, "")} | ${col("compile")} | ${col("instantiateAndRun")} | ${col("ready")} | ${col("importLoader")} |`;
}

async function timeEach(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push((performance.now() - t) * 1000);
  }
  return out;
}

// The same create request as clerkmini sends, through plain fetch, decoded the same way.
function plainCreate(sb) {
  return async () => {
    const res = await fetch(`${sb.apiUrl}/v1/sign_in_tokens`, {
      method: "POST",
      headers: { Authorization: `Bearer ${sb.secretKey}`, "Content-Type": "application/json",
        Accept: "application/json", "Clerk-API-Version": "2026-05-12" },
      body: JSON.stringify({ user_id: "user_alice", expires_in_seconds: 600 }),
    });
    const t = await res.json();
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    return { id: t.id, userId: t.user_id, token: t.token, status: t.status, url: t.url, createdAt: t.created_at, updatedAt: t.updated_at };
  };
}

async function perCall() {
  const sb = await startSandbox();
  try {
    const clerk = await createClerkClient({ secretKey: sb.secretKey, apiUrl: sb.apiUrl });
    const viaWasm = () => clerk.signInTokens.createSignInToken({ userId: "user_alice", expiresInSeconds: 600 });
    const viaFetch = plainCreate(sb);
    // A canned answer with no network: what crossing JS → Go → JS costs by itself.
    const body = JSON.stringify({ object: "sign_in_token", id: "sit_x", status: "pending", user_id: "user_alice",
      token: "eyJ" + "x".repeat(400), url: null, created_at: 1, updated_at: 1 });
    const canned = () => Promise.resolve(new Response(body, { status: 200, headers: { "Content-Type": "application/json" } }));
    const offline = await createClerkClient({ secretKey: sb.secretKey, apiUrl: sb.apiUrl, fetch: canned });
    const viaCanned = () => offline.signInTokens.createSignInToken({ userId: "user_alice" });
    const jsCanned = async () => { const r = await canned(); const t = await r.json(); return { id: t.id, userId: t.user_id }; };

    const n = 400;
    for (const f of [viaWasm, viaFetch, viaCanned, jsCanned]) await timeEach(50, f); // warm up
    const w = [], f = [], c = [], j = [];
    for (let i = 0; i < n; i++) { // interleaved, so drift hits both alike
      w.push(...(await timeEach(1, viaWasm)));
      f.push(...(await timeEach(1, viaFetch)));
      c.push(...(await timeEach(1, viaCanned)));
      j.push(...(await timeEach(1, jsCanned)));
    }
    const row = (name, xs) => `| ${name} | ${median(xs).toFixed(0)} µs | ${p90(xs).toFixed(0)} µs |`;
    console.log(`\n## Per call (create, ${n} calls each, sandbox on loopback)\n\n| path | median | p90 |\n|---|---:|---:|`);
    console.log(row("clerkmini.wasm → fetch → sandbox", w));
    console.log(row("plain JS fetch → sandbox (same request, same decoding)", f));
    console.log(row("clerkmini.wasm with a canned fetch (no network)", c));
    console.log(row("plain JS with the same canned fetch", j));
    console.log(`\nOverhead of clerkmini over plain fetch: ${(median(w) - median(f)).toFixed(0)} µs per call (medians); ` +
      `JS → Go → JS alone: ${(median(c) - median(j)).toFixed(0)} µs.`);
  } finally {
    await sb.stop();
  }
}

console.log(`# clerkmini WebAssembly report (node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`);
sizes();
console.log("\n## Time to ready in Node (median of 10 fresh processes)\n\n| module | compile | instantiate + run | ready | import loader + glue |\n|---|---:|---:|---:|---:|");
for (const wasm of ["../clerkmini.wasm", "../../bin/clerkmini.tidwall-pretty.wasm", "../clerkmini.tinygo.wasm"]) {
  if (existsSync(here(wasm))) console.log(ready(wasm, 10));
}
await perCall();
