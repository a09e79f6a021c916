// The core's own micro-benchmarks (clerkmini/bench_test.go: one call on a canned
// clerkmini.Transport), which `make bench` has always run; here they also land in the report.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { GO, OUT, ROOT, SMOKE, log, sh } from "./lib.mjs";

/** Runs the core micro-benchmarks and returns their benchstat summary. */
export async function core() {
  const count = SMOKE ? 1 : 6;
  log(`core micro-benchmarks, -count ${count}`);
  const args = ["test", "-run", "^$", "-bench", ".", "-benchmem", "-count", String(count), ...(SMOKE ? ["-benchtime", "100x"] : []), "./clerkmini/..."];
  const raw = sh(GO, args, { cwd: ROOT });
  const file = join(OUT, "core.txt");
  writeFileSync(file, raw);
  let stat;
  try {
    stat = sh(process.env.BENCHSTAT || `${sh(GO, ["env", "GOPATH"]).trim()}/bin/benchstat`, ["core.txt"], { cwd: OUT });
  } catch {
    stat = raw; // without benchstat, the raw lines
  }
  const md = `## Core micro-benchmarks

One Create or one Revoke on a canned \`clerkmini.Transport\` (no net/http, no server): the core's own cost.
\`go ${args.join(" ")}\`, read by benchstat:

\`\`\`
${stat.trim()}
\`\`\`
`;
  return { md, head: {} };
}
