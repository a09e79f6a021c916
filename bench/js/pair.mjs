// Where a create + revoke pair's time goes, for each module named on the command line
// (web/ relative), against @clerk/backend and plain fetch with the same canned fetch
// (canned.mjs, as child.mjs's "canned" mode uses). A report, never a test:
//
//   cd bench && node --expose-gc js/pair.mjs clerkmini.wasm clerkmini.go.wasm
//
// Prints per pair: the whole client through the loader, the module's exports alone
// (driven as the loader drives them, from JSON in to JSON out), and each export's share.
// @clerk/backend is measured when bench/node_modules has it (`cd bench && npm ci`).
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createClerkClient } from "../../web/clerkmini.mjs";
import { standalone } from "./standalone.mjs";
import { TOKEN, cannedFetch } from "./canned.mjs";
import { WARMUP, cpu, cpuPerPair } from "./cpu.mjs";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const N = Number(process.env.PAIRS || 2000);
const ROUNDS = Number(process.env.ROUNDS || 15);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const secretKey = "sk_test_bench_0123456789";
const params = { userId: "user_alice", expiresInSeconds: 600 };

const perPair = (pair) => cpuPerPair(pair, N, ROUNDS);

const clientPair = (c) => async () => {
  const t = await c.signInTokens.createSignInToken(params);
  await c.signInTokens.revokeSignInToken(t.id);
};

const rows = [];
// ONLY=floor|backend|module|alone: measure that one alone (a fresh process each keeps
// one client's garbage and JIT state out of another's numbers).
const only = process.env.ONLY;
const want = (what) => !only || only === what;
const row = (what, us, note = "") => { rows.push([what, us, note]); console.log(`| ${what} | ${us.toFixed(1)} µs | ${note} |`); };
console.log(`# per create + revoke pair, canned fetch (node ${process.version}, ${N} pairs, best of ${ROUNDS})\n`);
console.log("| what | per pair | |\n|---|---:|---|");

const headers = { Authorization: `Bearer ${secretKey}`, "Content-Type": "application/json" };
if (want("floor")) row("plain fetch (floor)", await perPair(async () => {
  for (const [u, b] of [["https://api.clerk.com/v1/sign_in_tokens", JSON.stringify({ user_id: "user_alice", expires_in_seconds: 600 })],
    ["https://api.clerk.com/v1/sign_in_tokens/sit_x/revoke", undefined]]) {
    const r = await cannedFetch(u, { method: "POST", headers, body: b });
    await r.json();
  }
}));

const backendDir = here("../node_modules/@clerk/backend");
if (want("backend") && existsSync(backendDir)) {
  const real = globalThis.fetch;
  globalThis.fetch = cannedFetch; // @clerk/backend reads the global fetch
  const { createClerkClient: backend } = await import(pathToFileURL(here("../node_modules/@clerk/backend/dist/index.mjs")).href);
  row("@clerk/backend", await perPair(clientPair(backend({ secretKey }))));
  globalThis.fetch = real;
}

for (const m of process.argv.slice(2)) {
  const wasm = new URL(`../../web/${m}`, import.meta.url);
  const c = await createClerkClient({ secretKey, fetch: cannedFetch, wasm });
  if (want("module")) row(`clerkmini, ${m}`, await perPair(clientPair(c)));
  if (want("alone")) moduleAlone(m);
}

// The module's exports, driven as the loader drives them (Instance: JSON in, JSON out),
// with each export's share timed apart.
function moduleAlone(m) {
  const { inst, exports } = standalone(here(`../../web/${m}`));
  const h = inst.clientNew({ secret_key: secretKey, jitter_seed: 1 });
  const enc = new TextEncoder();
  const bodies = ["pending", "revoked"].map((status) => enc.encode(JSON.stringify({ ...TOKEN, status })));
  const t = { start: 0, response: 0, free: 0 };
  const ops = [["create", { user_id: "user_alice", expires_in_seconds: 600 }], ["revoke", { sign_in_token_id: TOKEN.id }]];
  const pair = (timed) => {
    for (let i = 0; i < 2; i++) {
      const [op, args] = ops[i];
      let a = timed ? performance.now() : 0;
      const [call] = inst.start(op, h, args);
      if (timed) { const b = performance.now(); t.start += b - a; a = b; }
      inst.response(call, 200, "content-type: application/json", [bodies[i]], bodies[i].length);
      if (timed) { const b = performance.now(); t.response += b - a; a = b; }
      inst.callFree(call);
      if (timed) t.free += performance.now() - a;
    }
  };
  for (let i = 0; i < WARMUP; i++) pair(false);
  const pages0 = exports.memory.buffer.byteLength / 65536;
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const s = cpu();
    for (let i = 0; i < N; i++) pair(false);
    rounds.push((cpu() - s) / N);
  }
  row(`  module alone, ${m}`, Math.min(...rounds), `memory ${pages0} → ${exports.memory.buffer.byteLength / 65536} pages`);
  for (let i = 0; i < N; i++) pair(true);
  const share = (k) => `${((t[k] * 1000) / N).toFixed(1)} µs`;
  console.log(`|   of which (timed apart, timer overhead included) | | start+next ${share("start")}, response ${share("response")}, call_free ${share("free")} |`);
}
