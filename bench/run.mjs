// The benchmark report: `make bench` runs every section and writes BENCHMARKS.md at the
// repository root and the READMEs' tables; `make bench-smoke` (--smoke) runs each with a
// few iterations and writes bench/.out/BENCHMARKS.smoke.md, to prove the harness works;
// `--only go|js|mcp` (make bench-wasm: js, make bench-mcp: mcp) runs one group's sections
// and writes bench/.out/BENCHMARKS.GROUP.md (BENCHMARKS.smoke.GROUP.md with --smoke).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cpus, loadavg, totalmem } from "node:os";
import { GO, OUT, ROOT, SMOKE, log, sh } from "./js/lib.mjs";
import { core } from "./js/core.mjs";
import { goClient } from "./js/goclient.mjs";
import { sizesReport } from "./js/sizes.mjs";
import { node } from "./js/node.mjs";
import { jsScaling, mcpScaling } from "./js/scaling.mjs";
import { mcpCold } from "./js/mcpcold.mjs";
import { headline } from "./js/headline.mjs";
import { losses } from "./js/losses.mjs";

// [name, groups, section]: the order of the report.
const SECTIONS = [
  ["sizes", ["js", "mcp"], sizesReport],
  ["node", ["js"], node],
  ["mcpCold", ["mcp"], mcpCold],
  ["goClient", ["go"], goClient],
  ["core", ["go"], core],
  ["jsScaling", ["js"], jsScaling],
  ["mcpScaling", ["mcp"], mcpScaling],
];
const i = process.argv.indexOf("--only");
const ONLY = i >= 0 ? process.argv[i + 1] : null;
if (ONLY && !SECTIONS.some(([, g]) => g.includes(ONLY))) throw new Error(`--only: no group ${ONLY} (go, js, mcp)`);
const parts = SECTIONS.filter(([, g]) => !ONLY || g.includes(ONLY));

// The machine is shared (2 cores): its load before and after says how noisy the run was.
const load = () => loadavg().map((l) => l.toFixed(2)).join(", ");
const loadBefore = load();

function machine() {
  const cpu = cpus()[0]?.model ?? "unknown";
  const goVersion = sh(GO, ["version"]).trim();
  return `- date: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}
- machine: ${cpus().length} cores (\`nproc\`: ${sh("nproc", []).trim()}), CPU \`${cpu}\`, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory
- ${goVersion}; Node ${process.version}
- load average (1, 5, 15 min) before the run: ${loadBefore}; after: ${load()}
- commit: ${sh("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT }).trim()}${SMOKE ? "\n- **smoke mode: a few iterations only, numbers are not meaningful**" : ""}`;
}

const sections = [];
const heads = {};
for (const [name, , fn] of parts) {
  try {
    const r = await fn();
    sections.push(r.md);
    heads[name] = r.head;
  } catch (e) {
    log(`${name} failed:`, e.stack ?? e);
    sections.push(`## ${name}: failed\n\nThe harness failed: \`${String(e.message).split("\n")[0]}\`\n`);
    process.exitCode = 1;
  }
}

const doc = `# Benchmarks

clerkmini side by side with Clerk's own clients, measured on one machine in one run of
\`make bench\`: its WebAssembly modules (TinyGo's, which ships, and Go's) against @clerk/backend (issue 8), its
MCP server against @clerk/agent-toolkit (issue 10), its Go client against clerk-sdk-go (issue 5). Each comparison
alternates runs (A B C, then C B A) so the machine's drift falls on all; every number is a median with its min–max
over the runs, and every ratio is peer ÷ clerkmini from the same run (above 1×: clerkmini is better).
Nothing here is a test: these are measurements, and they vary with the machine.

Reproduce with \`make bench\` (it runs \`make bench-deps\` first: clerk-sdk-go by \`bench/go.sum\`, the npm peers by
\`bench/package-lock.json\`, benchstat; Debian's \`time\` for peak RSS and \`hyperfine\` for a cross-check). The
harness is \`bench/run.mjs\` and \`bench/js/\` (one file per section, named by what it measures); the Go comparison is
\`bench/goclient/\`. Each section names the command it ran.

${machine()}

## Headline

${headline(heads)}

## Where clerkmini loses, and why

${losses(heads)}

${sections.join("\n")}`;

const file = SMOKE || ONLY ? join(OUT, `BENCHMARKS${SMOKE ? ".smoke" : ""}${ONLY ? `.${ONLY}` : ""}.md`) : join(ROOT, "BENCHMARKS.md");
writeFileSync(file, doc);
log("wrote", file);

// The READMEs' benchmark sections, between their markers, get the headline's short rows:
// all of them in the README, the WebAssembly comparison's in web/README.md.
const START = "<!-- bench:start -->", END = "<!-- bench:end -->";
function fill(file, md) {
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(START), k = text.indexOf(END);
  if (start < 0 || k < start) throw new Error(`${file}: no ${START} … ${END} section to fill`);
  writeFileSync(file, `${text.slice(0, start + START.length)}\n${md}\n${text.slice(k)}`);
  log("updated", file);
}
if (!SMOKE && !ONLY) {
  fill(join(ROOT, "README.md"), headline(heads, true));
  if (heads.node) fill(join(ROOT, "web", "README.md"), headline({ node: heads.node }, true));
}
