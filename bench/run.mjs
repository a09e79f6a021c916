// The comparative benchmarks of issue 5: `make bench` runs every part and writes
// BENCHMARKS.md at the repository root; `make bench-smoke` (or --smoke) runs each part
// with a few iterations and writes bench/.out/BENCHMARKS.smoke.md instead, to prove the
// harness works. Parts whose subject is not built report "not built" and the rest go on.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cpus, loadavg, totalmem } from "node:os";
import { GO, OUT, ROOT, SMOKE, log, sh } from "./js/lib.mjs";
import { part0 } from "./js/part0.mjs";
import { part1 } from "./js/part1.mjs";
import { part2 } from "./js/part2.mjs";
import { part3 } from "./js/part3.mjs";
import { part4 } from "./js/part4.mjs";
import { part5 } from "./js/part5.mjs";
import { headline } from "./js/headline.mjs";
import { losses } from "./js/losses.mjs";

const parts = [["0", part0], ["1", part1], ["2", part2], ["3", part3], ["4", part4], ["5", part5]];

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
for (const [name, fn] of parts) {
  try {
    const r = await fn();
    sections.push(r.md);
    heads[name] = r.head;
  } catch (e) {
    log(`part ${name} failed:`, e.stack ?? e);
    sections.push(`## ${name}. failed\n\nThe harness failed: \`${String(e.message).split("\n")[0]}\`\n`);
    process.exitCode = 1;
  }
}

const doc = `# Benchmarks

clerkmini side by side with Clerk's own clients, measured on one machine in one run of
\`make bench\` (issue 5). Each comparison alternates runs (A B, then B A) so the machine's
drift falls on both; every number is a median with its min–max over the runs, and every
ratio is peer ÷ clerkmini from the same run (above 1×: clerkmini is better).
Nothing here is a test: these are measurements, and they vary with the machine.

Reproduce with \`make bench\` (it runs \`make bench-deps\` first: clerk-sdk-go by \`bench/go.sum\`, the npm peers by
\`bench/package-lock.json\`, benchstat; Debian's \`time\` for peak RSS and \`hyperfine\` for a cross-check). The harness
is \`bench/run.mjs\` and \`bench/js/\`; the Go benchmarks are in \`bench/goclient/\`.

${machine()}

## Headline

${headline(heads)}

## Where clerkmini loses, and why

${losses(heads)}

${sections.join("\n")}`;

const file = SMOKE ? join(OUT, "BENCHMARKS.smoke.md") : join(ROOT, "BENCHMARKS.md");
writeFileSync(file, doc);
log("wrote", file);

// The README's benchmark section, between its markers, gets the same headline table.
const START = "<!-- bench:start -->", END = "<!-- bench:end -->";
const readme = join(ROOT, "README.md");
const text = readFileSync(readme, "utf8");
const i = text.indexOf(START), k = text.indexOf(END);
if (!SMOKE && i >= 0 && k > i) {
  writeFileSync(readme, `${text.slice(0, i + START.length)}\n${headline(heads, true)}\n${text.slice(k)}`);
  log("updated", readme);
}
