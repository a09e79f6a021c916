// Where the time goes: a CPU profile (Node's --cpu-prof) of clerkmini's wasm module doing
// warm create+revoke pairs against a fetch that answers at once, with a build of the
// module that keeps its symbols (the shipped one is stripped), summarised by self time.
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { GO, OUT, ROOT, exists, sh, table } from "./lib.mjs";

/** {md, top}: a table of the top functions by self time (or why there is none) and their names. */
export async function profileWasm(run) {
  // CLERKMINI_WASM_SRC: another checkout to build from (developing the harness before a merge).
  const src = process.env.CLERKMINI_WASM_SRC || ROOT;
  if (!exists(join(src, "cmd", "wasm"))) return { md: "No profile: cmd/wasm is not in this tree.", top: [] };
  const wasm = join(OUT, "clerkmini-symbols.wasm");
  // The Go module (GOOS=wasip1, as make wasm builds clerkmini.go.wasm), with its symbols.
  sh(GO, ["build", "-trimpath", "-buildmode=c-shared", "-o", wasm, "./cmd/wasm"], { cwd: src, env: { ...process.env, GOOS: "wasip1", GOARCH: "wasm" } });
  const dir = join(OUT, "cpuprof");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await run(wasm, ["--cpu-prof", "--cpu-prof-dir", dir]);
  const p = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), "utf8"));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let busy = 0;
  p.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    if (f.functionName === "(idle)") return;
    const file = f.url.split("/").pop();
    const where = f.url.startsWith("node:") ? "Node internals" : /\.m?js$/.test(file) ? file : ""; // wasm: a hash
    const name = `${f.functionName || "(anonymous)"}${where ? ` (${where})` : ""}`;
    self.set(name, (self.get(name) ?? 0) + p.timeDeltas[i]);
    busy += p.timeDeltas[i];
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
  // Shares of busy time by where it is spent, over every function, not only the top.
  const share = (re) => [...self].filter(([n]) => re.test(n)).reduce((a, [, t]) => a + t, 0) / busy;
  const where = {
    boundary: share(/syscall\/js\.|storeValue|loadValue|loadString|loadSlice|wasm-to-js|js-to-wasm|finalizeRef/),
    goRuntime: share(/^runtime\./),
    gc: share(/\(garbage collector\)/),
    node: share(/Node internals/),
  };
  const md = table(["function", "self time", "share of busy time"], top.map(([n, t]) => [`\`${n}\``, `${(t / 1000).toFixed(0)} ms`, `${((100 * t) / busy).toFixed(1)}%`]));
  const pct = (f) => `${(100 * f).toFixed(0)}%`;
  const sums = `By where it is spent, over all functions: the JavaScript↔Go boundary (\`syscall/js\` and its glue) ${pct(where.boundary)},
Go's runtime (\`runtime.*\`) ${pct(where.goRuntime)}, V8's garbage collector ${pct(where.gc)}, Node's internals (fetch, streams,
text decoding) ${pct(where.node)}.`;
  return { md: `${md}\n\n${sums}`, top: top.map(([n, t]) => ({ name: n, share: t / busy })), where };
}
