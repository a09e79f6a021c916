// Where the time goes: a CPU profile (Node's --cpu-prof) of the shipped module (TinyGo's)
// doing warm create+revoke pairs against a fetch that answers at once, built with the
// flags of `make wasm` but keeping its function names (-no-debug dropped), summarised by
// self time.
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { OUT, table } from "./lib.mjs";
import { makeRecipe } from "./build.mjs";

/** {md, top, where}: a table of the top functions by self time, their names, and shares by place. */
export async function profileModule(run) {
  const wasm = join(OUT, "clerkmini-names.wasm");
  makeRecipe(`$(WASM_GOWORK) $(TINYGO) build $(filter-out -no-debug,$(TINYGO_FLAGS)) -o ${wasm} ./cmd/wasm`);
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
    const where = f.url.startsWith("node:") ? "Node internals" : /\.m?js$/.test(file) ? file : f.url.startsWith("wasm:") ? "wasm" : "";
    const name = `${f.functionName || "(anonymous)"}${where ? ` (${where})` : ""}`;
    self.set(name, (self.get(name) ?? 0) + p.timeDeltas[i]);
    busy += p.timeDeltas[i];
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
  // Shares of busy time by where it is spent, over every function, not only the top.
  const share = (re) => [...self].filter(([n]) => re.test(n)).reduce((a, [, t]) => a + t, 0) / busy;
  const where = {
    module: share(/\(wasm\)$/),
    loader: share(/\((clerkmini|module|send|args|errors|wasi)\.mjs\)$/),
    gc: share(/\(garbage collector\)/),
    node: share(/Node internals/),
  };
  const md = table(["function", "self time", "share of busy time"], top.map(([n, t]) => [`\`${n}\``, `${(t / 1000).toFixed(0)} ms`, `${((100 * t) / busy).toFixed(1)}%`]));
  const pct = (f) => `${(100 * f).toFixed(0)}%`;
  const sums = `By where it is spent, over all functions: the module's own code (\`(wasm)\`) ${pct(where.module)}, the loader
(\`web/*.mjs\`) ${pct(where.loader)}, V8's garbage collector ${pct(where.gc)}, Node's internals (Response, streams, text
decoding, promises) ${pct(where.node)}; the rest is the benchmark's own loop and canned \`fetch\`.`;
  return { md: `${md}\n\n${sums}`, top: top.map(([n, t]) => ({ name: n, share: t / busy })), where };
}
