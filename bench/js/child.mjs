// The JavaScript side of node.mjs and scaling.mjs, run in a fresh Node process per measurement:
//
//	node child.mjs MODE CLIENT     (env: CLERK_API_URL, CLERK_SECRET_KEY, CLERKMINI_WASM, BENCH_N)
//
// MODE cold: load the client, create + revoke once; prints "ready" (with the milliseconds
// spent importing the client and creating it: for clerkmini, compiling the module's bytes
// and instantiating it) and "first" when the create resolves. MODE linger: the same, but Node exits
// by itself when nothing keeps it alive. MODE warm: BENCH_N create+revoke pairs after a
// warm-up, one at a time; prints per-pair latencies' summary. MODE canned: warm, with
// globalThis.fetch replaced by one that answers a token at once, so only the clients' own
// cost is left. MODE cpu: canned, measured in CPU time per pair rather than latency
// (cpu.mjs: the least of CPU_ROUNDS rounds of BENCH_N pairs). MODE memory: BENCH_N canned
// pairs; prints RSS, JS heap and WebAssembly memory growth, read as the soak test reads
// them (web/test/memories.mjs; run with --expose-gc).
// MODE scale: for 1, 10, 100 pairs in flight at once, rounds of concurrent pairs; prints
// throughput and latency quantiles.
// CLIENT is clerkmini (the module at the path CLERKMINI_WASM, through web/clerkmini.mjs),
// backend (@clerk/backend) or fetch (plain fetch: the floor, no client).
import { readFile } from "node:fs/promises";
import { cannedFetch } from "./canned.mjs";
import { memoryGrowth, watchMemories } from "../../web/test/memories.mjs";
import { CPU_ROUNDS, cpuPerPair } from "./cpu.mjs";

const [mode, which] = process.argv.slice(2);
const { CLERK_API_URL: apiUrl, CLERK_SECRET_KEY: secretKey } = process.env;
const N = Number(process.env.BENCH_N || 200);
const params = { userId: "user_alice", expiresInSeconds: 600 };

// The times to import the client and to create it, in this process.
const loading = {};

async function makeClient() {
  const t0 = performance.now();
  let create;
  if (which === "clerkmini") {
    ({ createClerkClient: create } = await import(new URL("../../web/clerkmini.mjs", import.meta.url).href));
  } else if (which === "backend") {
    ({ createClerkClient: create } = await import("@clerk/backend"));
  } else if (which === "fetch") {
    create = fetchClient;
  } else {
    throw new Error(`unknown client ${which}`);
  }
  loading.importMs = performance.now() - t0;
  // clerkmini: the module compiled from its bytes, then handed over as a Worker gets it
  // (a WebAssembly.Module), so that compiling and instantiating are timed apart.
  let wasm;
  if (which === "clerkmini") {
    const bytes = await readFile(process.env.CLERKMINI_WASM);
    const t1 = performance.now();
    wasm = await WebAssembly.compile(bytes);
    loading.compileMs = performance.now() - t1;
  }
  const t2 = performance.now();
  const c = await create({ secretKey, apiUrl, wasm });
  loading.instantiateMs = performance.now() - t2;
  loading.createMs = (loading.compileMs ?? 0) + loading.instantiateMs;
  return c;
}

// fetchClient does by hand what both clients do at the least: POST, check, parse.
function fetchClient() {
  const headers = { Authorization: `Bearer ${secretKey}`, "Content-Type": "application/json" };
  const post = async (path, body) => {
    const r = await fetch(`${apiUrl}/v1${path}`, { method: "POST", headers, body });
    const j = await r.json();
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return j;
  };
  return { signInTokens: {
    createSignInToken: (p) => post("/sign_in_tokens", JSON.stringify({ user_id: p.userId, expires_in_seconds: p.expiresInSeconds })),
    revokeSignInToken: (id) => post(`/sign_in_tokens/${encodeURIComponent(id)}/revoke`),
  } };
}

async function pair(c) {
  const t = await c.signInTokens.createSignInToken(params);
  const r = await c.signInTokens.revokeSignInToken(t.id);
  if (r.status !== "revoked") throw new Error(`revoke answered status ${r.status}`);
}

const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");

if (mode === "canned" || mode === "cpu" || mode === "memory") globalThis.fetch = cannedFetch; // before any client captures fetch

const memories = mode === "memory" ? watchMemories() : [];

const c = await makeClient();
if (mode === "cold" || mode === "linger") {
  out({ ready: true, ...loading });
  const t = await c.signInTokens.createSignInToken(params);
  out({ first: t.id.slice(0, 4) });
  await c.signInTokens.revokeSignInToken(t.id);
  out({ done: true });
  // linger: let Node exit by itself, to see what the client keeps alive after its last call
  if (mode === "cold") process.exit(0);
} else if (mode === "warm" || mode === "canned") {
  for (let i = 0; i < 50; i++) await pair(c); // JIT and connections warm
  const lat = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    await pair(c);
    lat.push((performance.now() - t0) * 1000);
  }
  out({ p50: q(lat, 0.5), p99: q(lat, 0.99), mean: lat.reduce((a, b) => a + b, 0) / lat.length });
  process.exit(0);
} else if (mode === "cpu") {
  out({ cpuUs: await cpuPerPair(() => pair(c), N, CPU_ROUNDS) });
  process.exit(0);
} else if (mode === "memory") {
  for (let i = 0; i < 2000; i++) await pair(c); // warm: JIT, the module's first allocations
  const run = async (n) => { for (let i = 0; i < n; i++) await pair(c); };
  const { growth, after } = await memoryGrowth(run, N, Math.max(1, Math.floor(N / 20)), () => memories[0]);
  out({ growth, after });
  process.exit(0);
} else if (mode === "scale") {
  for (let i = 0; i < 20; i++) await pair(c);
  const res = {};
  for (const k of [1, 10, 100]) {
    const rounds = Math.max(2, Math.ceil(N / k));
    const lat = [];
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) {
      await Promise.all(Array.from({ length: k }, async () => {
        const s = performance.now();
        await pair(c);
        lat.push(performance.now() - s);
      }));
    }
    const wall = performance.now() - t0;
    res[k] = { perSec: (rounds * k) / (wall / 1000), p50: q(lat, 0.5), p99: q(lat, 0.99), n: rounds * k };
  }
  out(res);
  process.exit(0);
} else {
  throw new Error(`unknown mode ${mode}`);
}
