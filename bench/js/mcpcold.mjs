// MCP cold start: spawn → initialize → tools/list → stdin closed → exit, for
// clerkmini's server on its embedded sandbox and @clerk/agent-toolkit's local MCP server
// (with a dummy key, against nothing: neither call reaches Clerk). Same client bytes for
// both; runs alternate; peak RSS from /usr/bin/time.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BENCH, OUT, SMOKE, alternate, fmt, log, median, mm, ratio, sh, table, timed } from "./lib.mjs";
import { INIT, handshake, rpc } from "./mcp.mjs";
import { mcpBin } from "./build.mjs";

export const TOOLKIT = join(BENCH, "node_modules", "@clerk", "agent-toolkit", "dist", "modelcontextprotocol", "local-server.js");
// The dummy key of the toolkit's README: it is never sent anywhere here.
const DUMMY_KEY = "sk_test_dummy_key_for_benchmarks";

/** One cold start; resolves {ms (exit), list (tools/list answered), rssKiB, tools}. */
export function coldStart(cmd, args, env) {
  let tools = 0;
  return timed(cmd, args, { env: { PATH: process.env.PATH, ...env } }, async (p, mark) => {
    const c = rpc(p);
    await handshake(c);
    mark("init");
    const l = await c.request("tools/list", {});
    mark("list");
    tools = l.result?.tools?.length ?? 0;
    p.stdin.end(); // both servers exit 0 on stdin EOF
  }).then((r) => ({ ms: r.ms, init: r.marks.init, list: r.marks.list, rssKiB: r.rssKiB, tools }));
}

/** The two servers as spawned here and by scaling.mjs. */
export function servers(bin) {
  return {
    clerkmini: () => coldStart(bin, ["--sandbox"], {}),
    toolkit: () => coldStart(process.execPath, [TOOLKIT], { CLERK_SECRET_KEY: DUMMY_KEY }),
  };
}

/**
 * A cross-check with hyperfine: the same three messages piped in at once from a file (no
 * round trips), both servers answering and exiting at EOF. hyperfine runs all of one
 * command, then all of the other, so this does not alternate.
 */
function hyperfine(bin, runs) {
  try {
    sh("hyperfine", ["--version"]);
  } catch {
    return "hyperfine is not installed (Debian package `hyperfine`), so there is no cross-check.";
  }
  const input = join(OUT, "mcp-requests.jsonl");
  writeFileSync(input, [
    { jsonrpc: "2.0", id: 1, method: "initialize", params: INIT },
    { jsonrpc: "2.0", method: "notifications/initialized" },
    { jsonrpc: "2.0", id: 2, method: "tools/list", params: {} },
  ].map((m) => JSON.stringify(m)).join("\n") + "\n");
  const json = join(OUT, "hyperfine-mcp.json");
  const cmds = [`'${bin}' --sandbox < '${input}'`, `'${process.execPath}' '${TOOLKIT}' < '${input}'`];
  sh("hyperfine", ["--warmup", "2", "--runs", String(runs), "--export-json", json, ...cmds], { env: { ...process.env, CLERK_SECRET_KEY: DUMMY_KEY } });
  const [a, b] = JSON.parse(readFileSync(json, "utf8")).results;
  const ms = (r) => `${fmt(r.median * 1000)} ms (${fmt(r.min * 1000)}–${fmt(r.max * 1000)})`;
  return `${table(["server", "wall time, median (min–max)"], [["clerkmini-mcp --sandbox", ms(a)], ["@clerk/agent-toolkit local-mcp", ms(b)], ["**toolkit ÷ clerkmini**", `**${ratio(b.median, a.median)}**`]])}

\`hyperfine --warmup 2 --runs ${runs}\` over \`SERVER < requests.jsonl\` (initialize, initialized, tools/list in one file; the
server answers both requests and exits at EOF; hyperfine subtracts its shell's start-up). It runs all of one command
and then all of the other, so unlike the table above it does not alternate.`;
}

/** Runs the cold starts and returns its Markdown section and headline ratios. */
export async function mcpCold() {
  const bin = mcpBin();
  const runs = SMOKE ? 2 : 20;
  const s = servers(bin);
  log(`mcp: ${runs} alternating cold starts each (after one discarded warm-up each)`);
  await s.clerkmini(); await s.toolkit(); // page cache warm for both: we measure start-up, not the disk
  const [a, b] = await alternate(runs, [s.clerkmini, s.toolkit]);
  log("mcp: hyperfine cross-check");
  const hf = hyperfine(bin, runs);
  const col = (xs, k) => xs.map((x) => x[k]);
  const mib = (xs) => xs.map((x) => x.rssKiB / 1024);
  const head = {
    list: median(col(b, "list")) / median(col(a, "list")),
    exit: median(col(b, "ms")) / median(col(a, "ms")),
    rss: median(col(b, "rssKiB")) / median(col(a, "rssKiB")),
    ours: { list: median(col(a, "list")), rss: median(col(a, "rssKiB")) / 1024 },
    peer: { list: median(col(b, "list")), rss: median(col(b, "rssKiB")) / 1024 },
    samples: { ours: { list: col(a, "list"), rss: mib(a) }, peer: { list: col(b, "list"), rss: mib(b) } },
  };
  const md = `## MCP cold start against agent-toolkit

${table(["server", "tools", "spawn → initialize answered", "spawn → tools/list answered", "spawn → exit", "peak RSS"], [
    ["clerkmini-mcp --sandbox", a[0].tools, mm(col(a, "init"), " ms"), mm(col(a, "list"), " ms"), mm(col(a, "ms"), " ms"), mm(mib(a), " MiB")],
    ["@clerk/agent-toolkit 0.3.15 local-mcp", b[0].tools, mm(col(b, "init"), " ms"), mm(col(b, "list"), " ms"), mm(col(b, "ms"), " ms"), mm(mib(b), " MiB")],
    ["**toolkit ÷ clerkmini**", "", `**${ratio(median(col(b, "init")), median(col(a, "init")))}**`, `**${ratio(head.peer.list, head.ours.list)}**`, `**${ratio(median(col(b, "ms")), median(col(a, "ms")))}**`, `**${ratio(head.peer.rss, head.ours.rss)}**`],
  ])}

Medians of ${runs} cold starts each (min–max), alternating, after one discarded start of each to warm the page
cache. Each run spawns the server under \`/usr/bin/time -f %M\` (peak RSS; the wall time includes \`time\`'s own
exec, the same for both), sends \`initialize\`, \`notifications/initialized\` and \`tools/list\` as newline-delimited
JSON-RPC from one small client (\`bench/js/mcp.mjs\`), closes stdin and waits for the exit.

- clerkmini: \`${bin.replace(BENCH + "/", "bench/")} --sandbox\`, built by \`go build ./cmd/mcp\`: the embedded sandbox, so the server is fully
  working; it includes the sandbox's start-up.
- agent-toolkit: \`node ${TOOLKIT.replace(BENCH + "/", "bench/")}\` with \`CLERK_SECRET_KEY\` set to a dummy key, as its
  README starts it, but without \`npx -y\`, whose package resolution would add to its time; against nothing (these
  two calls do not reach Clerk). It offers 19 tools and none for sign-in tokens.

### Cross-check: hyperfine, requests piped in at once

${hf}
`;
  return { md, head };
}
