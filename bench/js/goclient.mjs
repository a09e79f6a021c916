// The Go clients, clerkmini against clerk-sdk-go. One compiled test binary, run several times with the clients'
// order swapped on every other run; benchstat reads the lot.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { BENCH, GO, OUT, SMOKE, log, sh, mm, median, table, ratio } from "./lib.mjs";

const LINE = /^BenchmarkCreateRevoke\/transport=(\w+)\/client=([\w-]+)-\d+\s+\d+\s+([\d.]+) ns\/op\s+([\d.]+) B\/op\s+([\d.]+) allocs\/op/;

/** Where clerkmini's allocations go on the shared *http.Client path: pprof's top by count. */
function allocProfile(bin, args) {
  const prof = join(OUT, "mem.out");
  const name = "CreateRevoke/transport=canned/client=clerkmini$";
  sh(bin, [...args.filter((a, i) => !["-test.bench", "-test.benchtime"].includes(args[i - 1]) && !a.startsWith("-test.bench")),
    "-test.bench", name, "-test.benchtime", "2000x", "-test.memprofilerate", "1", "-test.memprofile", prof], { cwd: join(BENCH, "goclient") });
  const top = sh(GO, ["tool", "pprof", "-sample_index=alloc_objects", "-top", bin, prof]).split("\n");
  const rows = top.filter((l) => /^\s*\d+\s+[\d.]+%/.test(l)).slice(0, 10).map((l) => {
    const [flat, pct, , , , ...fn] = l.trim().split(/\s+/);
    return [`\`${fn.join(" ").replace(/^github\.com\/clerkmini\/clerkmini\//, "")}\``, pct];
  });
  return table(["function (allocation site)", "share of allocated objects"], rows);
}

const kib = (x) => `${(x / 1024).toFixed(1)} KiB`;

/** Runs the Go comparison and returns its Markdown section and headline ratios. */
export async function goClient() {
  const runs = SMOKE ? 2 : 8;
  const benchtime = SMOKE ? "200x" : "1s";
  const bin = join(OUT, "goclient.test");
  log("goclient: go test -c ./goclient");
  sh(GO, ["test", "-c", "-o", bin, "./goclient"], { cwd: BENCH });
  const args = ["-test.run", "^$", "-test.bench", ".", "-test.benchmem", "-test.count", "1", "-test.benchtime", benchtime];
  let raw = "";
  for (let i = 0; i < runs; i++) {
    log(`goclient: run ${i + 1}/${runs}`);
    const out = sh(bin, args, { cwd: join(BENCH, "goclient"), env: { ...process.env, BENCH_REVERSE: i % 2 ? "1" : "" } });
    raw += i === 0 ? out : out.split("\n").filter((l) => l.startsWith("Benchmark")).join("\n") + "\n";
  }
  const allocs = allocProfile(bin, args);
  const rawFile = join(OUT, "goclient.txt");
  writeFileSync(rawFile, raw);
  const benchstat = process.env.BENCHSTAT || join(sh(GO, ["env", "GOPATH"]).trim(), "bin", "benchstat");
  let stat;
  try {
    stat = sh(benchstat, ["-col", "/client", rawFile]);
  } catch (e) {
    stat = `benchstat failed (${e.message.split("\n")[0]}); run \`make bench-deps\`.`;
  }
  // transport → client → {ns, b, allocs}: arrays over runs
  const got = {};
  for (const l of raw.split("\n")) {
    const m = LINE.exec(l);
    if (!m) continue;
    const [, tr, cl] = m;
    const s = ((got[tr] ??= {})[cl] ??= { ns: [], b: [], allocs: [] });
    s.ns.push(+m[3]); s.b.push(+m[4]); s.allocs.push(+m[5]);
  }
  const rows = [];
  const head = {};
  for (const tr of ["memory", "canned", "loopback", "seam", "native"]) {
    const a = got[tr]?.clerkmini, b = got[tr]?.["clerk-sdk-go"];
    if (!a) continue;
    const us = (xs) => xs.map((x) => x / 1e3);
    rows.push([
      tr, mm(us(a.ns), " µs"), b ? mm(us(b.ns), " µs") : "no equivalent",
      b ? `**${ratio(median(b.ns), median(a.ns))}**` : "—",
      `${median(a.allocs)} / ${b ? median(b.allocs) : "—"}`, b ? `**${ratio(median(b.allocs), median(a.allocs))}**` : "—",
      `${kib(median(a.b))} / ${b ? kib(median(b.b)) : "—"}`, b ? ratio(median(b.b), median(a.b)) : "—",
    ]);
    if (b) head[tr] = { speed: median(b.ns) / median(a.ns), allocs: median(b.allocs) / median(a.allocs), bytes: median(b.b) / median(a.b) };
  }
  const md = `## Go: clerkmini against clerk-sdk-go, Create + Revoke

${table(["transport", "clerkmini time/op", "clerk-sdk-go time/op", "faster", "allocs/op (ours / peer)", "fewer allocs", "B/op (ours / peer)", "fewer bytes"], rows)}

Medians of ${runs} runs (min–max), one Create followed by one Revoke per op, \`-benchtime ${benchtime}\`.

- **memory**: both clients get one \`*http.Client\` whose RoundTripper calls the sandbox's \`http.Handler\`
  in-process through \`httptest.NewRecorder\`. clerk-sdk-go accepts nothing but an \`*http.Client\`, so this is
  the closest in-memory path both can take; clerkmini takes it through \`clerkmini.HTTPTransport{Client: …}\`.
  Both pay net/http's client path, the recorder and the sandbox's work (it signs a JWT per token).
- **canned**: the same \`*http.Client\` path, but the RoundTripper answers a fixed token with no server: the
  clients' own cost.
- **loopback**: the sandbox served by \`httptest.NewServer\` on 127.0.0.1, each client with its own clone of
  \`http.DefaultTransport\` (keep-alive). The server shares the machine's 2 cores with the client.
- **seam**: each client at its cheapest in-memory seam, with the canned answer: clerkmini's own \`Transport\`
  interface (no net/http), clerk-sdk-go's \`*http.Client\` (it has no other). Not like for like: it shows what
  clerkmini's transport seam saves a program that can use it (tests, wasm, a custom transport).
- **native**: clerkmini on the sandbox's own in-memory \`clerkmini.Transport\` (no net/http), as its tests and
  wasm builds run. clerk-sdk-go has no such seam, so there is no ratio.

Where clerkmini's allocations go on the shared \`*http.Client\` path (transport=canned; \`go tool pprof
-sample_index=alloc_objects -top\` of a \`-memprofile\` run with \`-memprofilerate 1\`, so every allocation counts):

${allocs}

Command: \`cd bench && go test -c ./goclient\`, then the binary ${runs} times with
\`${args.join(" ")}\`, every other run with the clients' order reversed (\`BENCH_REVERSE=1\`);
\`benchstat -col /client\` over all runs:

\`\`\`
${stat.trim()}
\`\`\`
`;
  return { md, head };
}
