// Part 4: JavaScript. clerkmini's wasm module (web/clerkmini.mjs) against @clerk/backend
// pointed at the same sandbox over loopback HTTP: a cold process's time to its first
// token, the warm per-call time, and the bytes each ships to an edge worker.
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BENCH, BROTLI_QUALITY, OUT, SMOKE, alternate, exists, fmt, kb, log, median, mm, ratio, sh, sizes, startSandbox, table, timed } from "./lib.mjs";
import { wasmFace } from "./faces.mjs";
import { profileWasm } from "./profile.mjs";

const CHILD = join(BENCH, "js", "child.mjs");

/** The environment of a child process: the sandbox, the module's place, the work size. */
export function childEnv(sb, w, n) {
  return { PATH: process.env.PATH, CLERK_API_URL: sb.apiUrl, CLERK_SECRET_KEY: sb.secretKey, CLERKMINI_WEB_DIR: w.dir, BENCH_N: String(n) };
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
  })).then((r) => ({ ...r, result: JSON.parse(out.trim().split("\n").pop()) }));
}

// The same worker for both clients, as a Cloudflare Worker would be written.
const WORKERS = {
  backend: `import { createClerkClient } from "@clerk/backend";
export default { async fetch(req, env) {
  const clerk = createClerkClient({ secretKey: env.CLERK_SECRET_KEY });
  const t = await clerk.signInTokens.createSignInToken({ userId: "user_alice", expiresInSeconds: 600 });
  await clerk.signInTokens.revokeSignInToken(t.id);
  return new Response(t.id);
} };
`,
  clerkmini: (dir) => `import { createClerkClient } from ${JSON.stringify(join(dir, "clerkmini.mjs"))};
import wasm from ${JSON.stringify(join(dir, "clerkmini.wasm"))};
export default { async fetch(req, env) {
  const clerk = await createClerkClient({ secretKey: env.CLERK_SECRET_KEY, wasm });
  const t = await clerk.signInTokens.createSignInToken({ userId: "user_alice", expiresInSeconds: 600 });
  await clerk.signInTokens.revokeSignInToken(t.id);
  return new Response(t.id);
} };
`,
};
const ESBUILD_FLAGS = ["--bundle", "--minify", "--format=esm", "--platform=neutral", "--conditions=worker,browser", "--main-fields=module,main", "--external:*.wasm", "--external:node:*", "--external:./wasm_exec.tinygo.js"];

/** esbuild bundles of the worker; returns sizes of what each ships. */
function edgeBytes(w) {
  const dir = join(OUT, "worker");
  mkdirSync(dir, { recursive: true });
  const build = (name, src) => {
    writeFileSync(join(dir, `${name}.src.mjs`), src);
    sh(join(BENCH, "node_modules", ".bin", "esbuild"), [join(dir, `${name}.src.mjs`), ...ESBUILD_FLAGS, `--outfile=${join(dir, `${name}.js`)}`, "--log-level=warning"], { cwd: BENCH });
    return sizes(readFileSync(join(dir, `${name}.js`)));
  };
  const backend = build("backend", WORKERS.backend);
  if (w.missing) return { backend };
  const js = build("clerkmini", WORKERS.clerkmini(w.dir));
  const wasm = sizes(readFileSync(w.wasm));
  const total = { raw: js.raw + wasm.raw, gzip: js.gzip + wasm.gzip, brotli: js.brotli + wasm.brotli };
  return { backend, js, wasm, total };
}

/** Runs part 4 and returns its Markdown section and headline ratios. */
export async function part4() {
  const w = wasmFace();
  const e = edgeBytes(w);
  const erow = (name, s) => [name, kb(s.raw), kb(s.gzip), kb(s.brotli)];
  const edgeRows = [erow("@clerk/backend 3.25.0 worker bundle", e.backend)];
  if (e.total) {
    edgeRows.push(erow("clerkmini worker bundle (JS)", e.js), erow("+ clerkmini.wasm (a separate module)", e.wasm), erow("clerkmini total", e.total));
    edgeRows.push(["**clerkmini ÷ @clerk/backend**", `**${ratio(e.total.raw, e.backend.raw)}**`, `**${ratio(e.total.gzip, e.backend.gzip)}**`, `**${ratio(e.total.brotli, e.backend.brotli)}**`]);
  }
  const edgeMd = `### Bytes shipped to an edge worker

The same worker (create then revoke) bundled by esbuild 0.28.2 with \`${ESBUILD_FLAGS.join(" ")}\`; gzip -9 and
brotli quality ${BROTLI_QUALITY}. clerkmini's module is uploaded beside the script (Workers import it as a \`WebAssembly.Module\`); the
TinyGo glue, loaded only for a TinyGo module, stays out.

${table(["what ships", "raw", "gzip", "brotli"], edgeRows)}
`;
  if (w.missing) return { md: `## 4. JavaScript\n\n${w.missing}; only @clerk/backend's bundle is measured.\n\n${edgeMd}`, head: {} };

  const sb = await startSandbox();
  try {
    const coldRuns = SMOKE ? 2 : 12, warmRuns = SMOKE ? 1 : 6, n = SMOKE ? 20 : 300;
    const cold = (which) => () => child("cold", which, childEnv(sb, w, 1));
    log(`part 4: ${coldRuns} alternating cold processes each`);
    await cold("clerkmini")(); await cold("backend")(); // page cache warm for both
    const [ca, cb] = await alternate(coldRuns, [cold("clerkmini"), cold("backend")]);
    // A lingering process takes ~10 s: not worth it in a smoke run.
    log("part 4: how long each process lingers after its last call");
    const [la, lb] = SMOKE ? [[{ ms: NaN, marks: {} }], [{ ms: NaN, marks: {} }]]
      : await alternate(1, [() => child("linger", "clerkmini", childEnv(sb, w, 1)), () => child("linger", "backend", childEnv(sb, w, 1))]);
    const linger = (r) => r.ms - r.marks.done;
    log(`part 4: ${warmRuns} alternating warm runs of ${n} pairs each`);
    const warm = (which, mode = "warm") => () => child(mode, which, childEnv(sb, w, n)).then((r) => r.result);
    const [wa, wb, wf, ka, kb2, kf] = await alternate(warmRuns, [warm("clerkmini"), warm("backend"), warm("fetch"),
      warm("clerkmini", "canned"), warm("backend", "canned"), warm("fetch", "canned")]);
    log("part 4: CPU profile of the module, fetch answered at once");
    const prof = await profileWasm((wasm, nodeArgs) => child("canned", "clerkmini", { ...childEnv(sb, w, SMOKE ? 50 : 2000), CLERKMINI_WASM: wasm }, nodeArgs));
    const k = (xs, f) => xs.map(f);
    const ready = (xs) => k(xs, (x) => x.marks.ready), first = (xs) => k(xs, (x) => x.marks.first), exit = (xs) => k(xs, (x) => x.ms), rss = (xs) => k(xs, (x) => x.rssKiB / 1024);
    const p50 = (xs) => k(xs, (x) => x.p50 / 1000), p99 = (xs) => k(xs, (x) => x.p99 / 1000);
    const head = {
      first: median(first(cb)) / median(first(ca)),
      warm: median(p50(wb)) / median(p50(wa)),
      canned: median(p50(kb2)) / median(p50(ka)),
      rss: median(rss(cb)) / median(rss(ca)),
      profile: prof.top,
      where: prof.where,
      readyRatio: median(ready(cb)) / median(ready(ca)),
      linger: { ours: linger(la[0]), peer: linger(lb[0]) },
      edgeGzip: e.backend.gzip / e.total.gzip,
      ours: { ready: median(ready(ca)), first: median(first(ca)), warm: median(p50(wa)), canned: median(p50(ka)), gzip: e.total.gzip },
      peer: { ready: median(ready(cb)), first: median(first(cb)), warm: median(p50(wb)), canned: median(p50(kb2)), gzip: e.backend.gzip },
    };
    const md = `## 4. JavaScript: create + revoke against the sandbox in Node

### Cold process: time to the first token

${table(["client", "spawn → client ready", "spawn → first token", "spawn → exit", "peak RSS"], [
      ["clerkmini (wasm)", mm(ready(ca), " ms"), mm(first(ca), " ms"), mm(exit(ca), " ms"), mm(rss(ca), " MiB")],
      ["@clerk/backend 3.25.0", mm(ready(cb), " ms"), mm(first(cb), " ms"), mm(exit(cb), " ms"), mm(rss(cb), " MiB")],
      ["**@clerk/backend ÷ clerkmini**", `**${ratio(median(ready(cb)), median(ready(ca)))}**`, `**${ratio(median(first(cb)), median(first(ca)))}**`, `**${ratio(median(exit(cb)), median(exit(ca)))}**`, `**${ratio(median(rss(cb)), median(rss(ca)))}**`],
    ])}

Medians of ${coldRuns} processes each (min–max), alternating, after one discarded run of each. Each is
\`node bench/js/child.mjs cold CLIENT\` under \`/usr/bin/time\`: import the client, create it (clerkmini: compile and
start the module; "client ready" is when that line reaches the parent), create a token ("first token"), revoke it,
exit.

Left alone after its last call (no \`process.exit\`; one run each), a Node process using clerkmini exits
${fmt(linger(la[0]), 0)} ms after the revoke resolved, one using @clerk/backend ${fmt(linger(lb[0]), 0)} ms after.

### Warm: one create + revoke pair at a time

${table(["client", "per pair, p50", "per pair, p99"], [
      ["clerkmini (wasm)", mm(p50(wa), " ms", 2), mm(p99(wa), " ms", 2)],
      ["@clerk/backend 3.25.0", mm(p50(wb), " ms", 2), mm(p99(wb), " ms", 2)],
      ["plain \`fetch\` (no client: the floor)", mm(p50(wf), " ms", 2), mm(p99(wf), " ms", 2)],
      ["**@clerk/backend ÷ clerkmini**", `**${ratio(median(p50(wb)), median(p50(wa)))}**`, `**${ratio(median(p99(wb)), median(p99(wa)))}**`],
    ])}

Each of ${warmRuns} alternating processes per client runs 50 pairs to warm up, then ${n} timed pairs one after
another; the table gives the median over processes of each process's p50 and p99 (min–max over processes).
\`fetch\` is the same two POSTs by hand (\`bench/js/child.mjs\`): what any client must pay on this machine.

### Warm, the clients' own cost: \`fetch\` answered at once

${table(["client", "per pair, p50", "per pair, p99"], [
      ["clerkmini (wasm)", mm(p50(ka), " ms", 3), mm(p99(ka), " ms", 3)],
      ["@clerk/backend 3.25.0", mm(p50(kb2), " ms", 3), mm(p99(kb2), " ms", 3)],
      ["plain \`fetch\` (no client)", mm(p50(kf), " ms", 3), mm(p99(kf), " ms", 3)],
      ["**@clerk/backend ÷ clerkmini**", `**${ratio(median(p50(kb2)), median(p50(ka)))}**`, `**${ratio(median(p99(kb2)), median(p99(ka)))}**`],
    ])}

The same runs with \`globalThis.fetch\` replaced, before the client is made, by one that answers a token at once
(no socket, no sandbox): both clients call it, so what is left is each client's own work per pair.

Where clerkmini's time goes there: \`node --cpu-prof\` of one such process (${SMOKE ? 50 : 2000} pairs), with the module
built from the same source without \`-s -w\` so that its functions have names; self time, idle excluded.

${prof.md}

${edgeMd}`;
    return { md, head };
  } finally {
    sb.stop();
  }
}
