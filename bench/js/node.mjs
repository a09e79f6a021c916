// JavaScript: both of clerkmini's WebAssembly modules, through web/clerkmini.mjs, against
// @clerk/backend, in the same run, alternating: the bytes an edge worker ships, time to
// ready, a cold process's first token, the warm per-pair cost (against the sandbox and
// with fetch answered at once), and memory over many pairs. Issue 8's table.
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BOUNDS, verdict } from "./headline.mjs";
import { BENCH, BROTLI_QUALITY, OUT, SMOKE, alternate, fmt, kb, log, median, mm, ratio, sh, sizes, startSandbox, table, timed } from "./lib.mjs";
import { WEB, wasmModules } from "./build.mjs";
import { profileModule } from "./profile.mjs";
import { CPU_ROUNDS, WARMUP } from "./cpu.mjs";

const CHILD = join(BENCH, "js", "child.mjs");
const BACKEND = "@clerk/backend 3.25.0";

/** The environment of a child process: the sandbox, the module to load, the work size. */
export function childEnv(sb, wasm, n) {
  return { PATH: process.env.PATH, CLERK_API_URL: sb.apiUrl, CLERK_SECRET_KEY: sb.secretKey, CLERKMINI_WASM: wasm ?? "", BENCH_N: String(n) };
}

/** Runs child.mjs and resolves its last JSON line, with a time mark at each line's first key. */
export function child(mode, which, env, nodeArgs = []) {
  let out = "";
  return timed(process.execPath, [...nodeArgs, CHILD, mode, which], { env, cwd: BENCH }, (p, mark) => new Promise((ok) => {
    p.stdout.on("data", (d) => {
      out += d;
      for (const l of out.split("\n").slice(0, -1)) mark(Object.keys(JSON.parse(l))[0]);
    });
    p.stdout.on("end", ok);
  })).then((r) => ({ ...r, lines: out.trim().split("\n").map((l) => JSON.parse(l)), result: JSON.parse(out.trim().split("\n").pop()) }));
}

// The same worker for every client, as a Cloudflare Worker would be written.
const WORKERS = {
  backend: `import { createClerkClient } from "@clerk/backend";
export default { async fetch(req, env) {
  const clerk = createClerkClient({ secretKey: env.CLERK_SECRET_KEY });
  const t = await clerk.signInTokens.createSignInToken({ userId: "user_alice", expiresInSeconds: 600 });
  await clerk.signInTokens.revokeSignInToken(t.id);
  return new Response(t.id);
} };
`,
  clerkmini: (file) => `import { createClerkClient } from ${JSON.stringify(join(WEB, "clerkmini.mjs"))};
import wasm from ${JSON.stringify(file)};
export default { async fetch(req, env) {
  const clerk = await createClerkClient({ secretKey: env.CLERK_SECRET_KEY, wasm });
  const t = await clerk.signInTokens.createSignInToken({ userId: "user_alice", expiresInSeconds: 600 });
  await clerk.signInTokens.revokeSignInToken(t.id);
  return new Response(t.id);
} };
`,
};
const ESBUILD_FLAGS = ["--bundle", "--minify", "--format=esm", "--platform=neutral", "--conditions=worker,browser", "--main-fields=module,main", "--external:*.wasm", "--external:node:*"];

/** esbuild bundles of the worker: sizes of what each client ships. */
function edgeBytes(mods) {
  const dir = join(OUT, "worker");
  mkdirSync(dir, { recursive: true });
  const build = (name, src) => {
    writeFileSync(join(dir, `${name}.src.mjs`), src);
    sh(join(BENCH, "node_modules", ".bin", "esbuild"), [join(dir, `${name}.src.mjs`), ...ESBUILD_FLAGS, `--outfile=${join(dir, `${name}.js`)}`, "--log-level=warning"], { cwd: BENCH });
    return sizes(readFileSync(join(dir, `${name}.js`)));
  };
  const out = { backend: build("backend", WORKERS.backend) };
  for (const m of mods) {
    const js = build(m.id, WORKERS.clerkmini(m.file));
    const wasm = sizes(readFileSync(m.file));
    out[m.id] = { js, wasm, raw: js.raw + wasm.raw, gzip: js.gzip + wasm.gzip, brotli: js.brotli + wasm.brotli };
  }
  return out;
}

const col = (xs, f) => xs.map(f);
const MiB = 2 ** 20;

/** Runs the JavaScript comparison; returns its Markdown section and headline numbers. */
export async function node() {
  const mods = wasmModules();
  const clients = [...mods.map((m) => ({ ...m, which: "clerkmini" })), { id: "backend", name: BACKEND, which: "backend" }];
  const floor = { id: "fetch", name: "plain `fetch` (no client: the floor)", which: "fetch" };
  const all = [...clients, floor];
  const e = edgeBytes(mods);
  const erow = (name, s) => [name, kb(s.raw), kb(s.gzip), kb(s.brotli)];
  const edgeRows = [erow(`${BACKEND} worker bundle`, e.backend)];
  for (const m of mods) {
    edgeRows.push(erow(`${m.name}: worker bundle (loader JS)`, e[m.id].js), erow("+ the module (uploaded beside it)", e[m.id].wasm),
      erow(`**${m.name}: total**`, e[m.id]), [`**@clerk/backend ÷ ${m.id}**`, `**${ratio(e.backend.raw, e[m.id].raw)}**`, `**${ratio(e.backend.gzip, e[m.id].gzip)}**`, `**${ratio(e.backend.brotli, e[m.id].brotli)}**`]);
  }

  const sb = await startSandbox();
  try {
    const coldRuns = SMOKE ? 2 : 12, warmRuns = SMOKE ? 1 : 6, n = SMOKE ? 20 : 300, cpuRuns = SMOKE ? 2 : 8, cpuN = SMOKE ? 50 : 500;
    const memRuns = SMOKE ? 1 : 3, memPairs = SMOKE ? 500 : 100_000;
    const env = (c, k) => childEnv(sb, c.file, k);
    const cold = (c) => () => child("cold", c.which, env(c, 1));
    log(`node: ${coldRuns} alternating cold processes per client`);
    for (const c of all) await cold(c)(); // page cache warm for all
    const colds = await alternate(coldRuns, all.map(cold));
    log("node: how long each process lingers after its last call");
    const lingers = SMOKE ? clients.map(() => NaN)
      : (await alternate(1, clients.map((c) => () => child("linger", c.which, env(c, 1))))).map(([r]) => r.ms - r.marks.done);
    log(`node: ${warmRuns} alternating warm runs of ${n} pairs per client, against the sandbox and canned`);
    const warm = (c, mode) => () => child(mode, c.which, env(c, n)).then((r) => r.result);
    const ws = await alternate(warmRuns, [...all.map((c) => warm(c, "warm")), ...all.map((c) => warm(c, "canned"))]);
    const warmOf = (i) => ws[i], cannedOf = (i) => ws[all.length + i];
    log(`node: ${cpuRuns} alternating processes per client measuring CPU time per pair, canned`);
    const cpus = await alternate(cpuRuns, all.map((c) => () => child("cpu", c.which, env(c, cpuN)).then((r) => r.result.cpuUs)));
    // A client's own cost in each round: its CPU per pair less the floor's in the same round.
    const floorCpu = cpus[all.length - 1];
    const own = (i) => cpus[i].map((us, k) => us - floorCpu[k]);
    log(`node: memory, ${memRuns} alternating processes of ${memPairs} canned pairs per client`);
    const mem = (c) => () => child("memory", c.which, env(c, memPairs), ["--expose-gc", "--max-semi-space-size=1"]).then((r) => r.result);
    const mems = await alternate(memRuns, clients.map(mem));
    log("node: CPU profile of the shipped module, fetch answered at once");
    const prof = await profileModule((wasm, nodeArgs) => child("canned", "clerkmini", childEnv(sb, wasm, SMOKE ? 50 : 2000), nodeArgs));

    const line = (r, k) => r.lines.find((l) => l[k] !== undefined);
    const loaded = (k) => (xs) => col(xs, (x) => line(x, "ready")[k]);
    const importMs = loaded("importMs"), createMs = loaded("createMs"), compileMs = loaded("compileMs"), instantiateMs = loaded("instantiateMs");
    const spawnReady = (xs) => col(xs, (x) => x.marks.ready), first = (xs) => col(xs, (x) => x.marks.first), rss = (xs) => col(xs, (x) => x.rssKiB / 1024);
    const p50 = (xs) => col(xs, (x) => x.p50 / 1000), p99 = (xs) => col(xs, (x) => x.p99 / 1000);
    const growth = (xs, k) => col(xs, (x) => x.growth[k] / MiB);

    // Per client: the samples of each headline measure (numbers over runs).
    const per = Object.fromEntries(clients.map((c, i) => [c.id, {
      name: c.name, ready: createMs(colds[i]), first: first(colds[i]), warm: p50(warmOf(i)), canned: p50(cannedOf(i)), cpu: cpus[i], own: own(i),
      rss: growth(mems[i], "rss"), wasm: growth(mems[i], "wasm"), heap: growth(mems[i], "heap"), edge: [e[c.id].gzip], linger: lingers[i],
    }]));
    const head = { per, edge: e, profile: prof.top, where: prof.where, memPairs, floor: { canned: p50(cannedOf(all.length - 1)), cpu: floorCpu },
      split: Object.fromEntries(all.map((c, i) => [c.id, { importMs: median(importMs(colds[i])), firstCall: median(col(colds[i], (x) => x.marks.first - x.marks.ready)) }])) };

    const coldRows = all.map((c, i) => [c.name, mm(importMs(colds[i]), " ms"), c.which === "clerkmini" ? `${mm(compileMs(colds[i]), " ms", 2)} + ${mm(instantiateMs(colds[i]), " ms", 2)}` : mm(createMs(colds[i]), " ms", 2),
      mm(spawnReady(colds[i]), " ms"), mm(first(colds[i]), " ms"), mm(rss(colds[i]), " MiB")]);
    const peer = colds[clients.length - 1];
    coldRows.push(...mods.map((m, i) => [`**@clerk/backend ÷ ${m.id}**`,
      ...[importMs, createMs, spawnReady, first, rss].map((g) => `**${ratio(median(g(peer)), median(g(colds[i])))}**`)]));
    const perRows = (get, digits) => [
      ...all.map((c, i) => [c.name ?? "plain `fetch` (no client: the floor)", mm(p50(get(i)), " ms", digits), mm(p99(get(i)), " ms", digits)]),
      ...mods.map((m, i) => [`**@clerk/backend ÷ ${m.id}**`, `**${ratio(median(p50(get(clients.length - 1))), median(p50(get(i))))}**`, `**${ratio(median(p99(get(clients.length - 1))), median(p99(get(i))))}**`]),
    ];
    const backendOwn = median(own(clients.length - 1));
    const cpuRows = all.map((c, i) => [c.name, mm(cpus[i], " µs"), c === floor ? "— (the floor)" : mm(own(i), " µs"),
      c.which === "clerkmini" ? verdict(backendOwn / median(own(i)), "faster", "slower") : ""]);
    const memRows = clients.map((c, i) => [c.name, mm(growth(mems[i], "rss"), " MiB", 2), c.which === "clerkmini" ? mm(growth(mems[i], "wasm"), " MiB", 2) : "—",
      mm(growth(mems[i], "heap"), " MiB", 2), c.which === "clerkmini" ? `${fmt(median(col(mems[i], (x) => x.after.wasm / MiB)), 2)} MiB` : "—"]);
    const cmd = (mode, args = "") => `\`node ${args}bench/js/child.mjs ${mode} CLIENT\``;

    const md = `## JavaScript in Node: both modules against @clerk/backend

Clients: ${clients.map((c) => `\`${c.name}\``).join(", ")}. clerkmini's are loaded by \`web/clerkmini.mjs\` from the
module's file (\`CLERKMINI_WASM\`); every run of every client alternates with the others' (A B C, then C B A).

### Bytes shipped to an edge worker

The same worker (create then revoke) bundled by esbuild 0.28.2 with \`${ESBUILD_FLAGS.join(" ")}\`; gzip -9 and
brotli quality ${BROTLI_QUALITY}, per file as a Worker uploads them. clerkmini's module is uploaded beside the
script (Workers import it as a \`WebAssembly.Module\`).

${table(["what ships", "raw", "gzip", "brotli"], edgeRows)}

### Cold process: time to ready and to the first token

${table(["client", "import the client", "create it (clerkmini: compile + instantiate)", "spawn → ready", "spawn → first token", "peak RSS"], coldRows)}

Medians of ${coldRuns} processes per client (min–max), alternating, after one discarded run of each. Each is
${cmd("cold")} under \`/usr/bin/time\`: import the client, create it (clerkmini: read and compile the
module's bytes, then instantiate it through \`createClerkClient({ wasm: module })\`, as a Worker gets a
\`WebAssembly.Module\`; @clerk/backend: a plain constructor), create a token, revoke it, exit. Plain \`fetch\` does
the same two POSTs with no client: its first token is the floor of a cold Node process on this machine. "import" and "create" are measured
inside the process (\`performance.now()\`); "spawn → …" from the parent, so they include Node's own start.

Left alone after its last call (no \`process.exit\`; one run each), the process exits ${clients.map((c, i) => `${fmt(lingers[i], 0)} ms after the revoke (${c.id})`).join(", ")}.

### Warm: one create + revoke pair at a time, against the sandbox

${table(["client", "per pair, p50", "per pair, p99"], perRows(warmOf, 2))}

${cmd("warm")}: each of ${warmRuns} alternating processes per client runs 50 pairs to warm up, then ${n} timed
pairs one after another, over loopback HTTP to the sandbox; the median over processes of each process's p50 and p99
(min–max over processes). \`fetch\` is the same two POSTs by hand: what any client must pay on this machine.

### Warm, the clients' own cost: \`fetch\` answered at once

\`globalThis.fetch\` is replaced, before the client is made, by one that answers a token at once (no socket, no
sandbox): what a client costs beyond that is its own work. Issue 8's measure is that own cost, by CPU time: a
client's CPU time per pair less plain \`fetch\`'s (which pays the canned \`fetch\`, its \`Response\` and
\`r.json()\`, as every client must).

${table(["client", "CPU time per pair", "own cost: less plain `fetch`'s", "@clerk/backend's own cost ÷ this one's"], cpuRows)}

${cmd("cpu")} with \`BENCH_N=${cpuN}\`: ${WARMUP.toLocaleString("en-US")} pairs to warm up, then ${CPU_ROUNDS} rounds of
${cpuN} pairs; a process's figure is its least round's CPU time per pair (\`process.cpuUsage()\`: user + system, every
thread's, the JIT's and the collector's too), since whatever else the machine runs only adds. ${cpuRuns} alternating
processes per client; a client's own cost in a round is its figure less plain \`fetch\`'s in the same round.
Medians over rounds (min–max); the ratio is of the medians.

By wall time (latency per pair, the canned \`fetch\` included):

${table(["client", "per pair, p50", "per pair, p99"], perRows(cannedOf, 3))}

${cmd("canned")}: as the warm runs above, with the canned \`fetch\`.

Where the shipped module's time goes there: \`node --cpu-prof\` of one such process (${SMOKE ? 50 : 2000} pairs), the
TinyGo module built as \`make wasm\` builds it but without \`-no-debug\`, so that its functions have names; self time,
idle excluded.

${prof.md}

### Memory over ${memPairs.toLocaleString("en-US")} create + revoke pairs

${table(["client", "RSS growth", "WebAssembly memory growth", "JS heap growth", "WebAssembly memory after"], memRows)}

${cmd("memory", "--expose-gc --max-semi-space-size=1 ")} with \`BENCH_N=${memPairs}\` and the canned \`fetch\`: 2,000
pairs to warm up, then ${memPairs.toLocaleString("en-US")} pairs with a collection and a reading (RSS, JS heap, the module's memory)
every ${(memPairs / 20).toLocaleString("en-US")}; RSS and heap growth are the median of the last three readings over the median of the
first three, as the soak test measures (\`web/test/memories.mjs\` says why). Medians of ${memRuns} alternating processes per client (min–max).
\`--max-semi-space-size=1\` keeps V8's young generation from growing by tens of MiB under this load, which would read
as RSS growth with a flat heap. Issue 8's bounds: RSS ≤ ${BOUNDS.rss} MiB, WebAssembly memory ≤ ${BOUNDS.wasm} MiB.
`;
    return { md, head };
  } finally {
    sb.stop();
  }
}
