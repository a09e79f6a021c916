// Scaling: how cost grows with the work in flight: 1, 10, 100 and 1,000 concurrent tool
// calls on one MCP session of clerkmini's server, and 1, 10, 100 concurrent create+revoke
// pairs through each WebAssembly module in one Node process, beside @clerk/backend and
// plain fetch doing the same in the same way.
import { spawn } from "node:child_process";
import { SMOKE, alternate, fmt, log, median, quantile, startSandbox, table } from "./lib.mjs";
import { handshake, rpc } from "./mcp.mjs";
import { mcpBin, wasmModules } from "./build.mjs";
import { child, childEnv } from "./node.mjs";

const CREATE = { name: "create_sign_in_token", arguments: { user_id: "user_alice", expires_in_seconds: 600 } };

/** One session; for each level, rounds of k concurrent create calls; every answer checked. */
async function mcpScale(bin, levels, total) {
  const p = spawn(bin, ["--sandbox", "--log-level", "error"], { stdio: ["pipe", "pipe", "ignore"], env: { PATH: process.env.PATH } });
  try {
    const c = rpc(p);
    await handshake(c);
    const call = async () => {
      const t0 = performance.now();
      const r = await c.request("tools/call", CREATE);
      if (r.error || r.result?.isError) throw new Error(`tools/call failed: ${JSON.stringify(r.error ?? r.result.content)}`);
      return performance.now() - t0;
    };
    for (let i = 0; i < 50; i++) await call(); // warm
    const res = {};
    for (const k of levels) {
      const rounds = Math.max(3, Math.ceil(total / k));
      const lat = [];
      const t0 = performance.now();
      for (let r = 0; r < rounds; r++) lat.push(...await Promise.all(Array.from({ length: k }, call)));
      const wall = performance.now() - t0;
      res[k] = { perSec: (rounds * k) / (wall / 1000), p50: quantile(lat, 0.5), p99: quantile(lat, 0.99), n: rounds * k };
    }
    return res;
  } finally {
    p.stdin.end();
  }
}

/** Per level: median over runs of throughput, p50, p99, as table cells. */
function cells(runs, k) {
  const m = (f) => median(runs.map((r) => f(r[k])));
  return [`${fmt(m((x) => x.perSec), 0)}/s`, `${fmt(m((x) => x.p50), 2)} ms`, `${fmt(m((x) => x.p99), 2)} ms`];
}

/** The MCP server's scaling; returns its Markdown section and headline numbers. */
export async function mcpScaling() {
  const runs = SMOKE ? 1 : 3;
  const bin = mcpBin();
  // The sandbox holds at most 10,000 pending tokens (these creates are never revoked):
  // about 2,000 calls per level, 9,050 in all with the warm-up, stay under it.
  const levels = [1, 10, 100, 1000], total = SMOKE ? 100 : 2000;
  log(`scaling: MCP, ${runs} sessions`);
  const rs = [];
  for (let i = 0; i < runs; i++) rs.push(await mcpScale(bin, levels, total));
  const head = { mcp: Object.fromEntries(levels.map((k) => [k, median(rs.map((r) => r[k].perSec))])) };
  const md = `## MCP: concurrent tool calls on one session

${table(["calls in flight", "throughput", "latency p50", "latency p99"], levels.map((k) => [k, ...cells(rs, k)]))}

\`clerkmini-mcp --sandbox\`: one stdio session per run (${runs} runs, medians shown), 50 calls to warm up,
then for each level rounds of k concurrent \`create_sign_in_token\` calls (about ${total} calls per level, at least
3 rounds; the sandbox holds at most 10,000 pending tokens), each answer checked for success. The client (Node) and the server share the 2 cores. agent-toolkit
is not in this table: it has no sign-in-token tools, and its tools need Clerk's network, which this machine lacks.
`;
  return { md, head };
}

/** Concurrent pairs in one Node process, per client; returns its Markdown section. */
export async function jsScaling() {
  const runs = SMOKE ? 1 : 3;
  const clients = [...wasmModules().map((m) => ({ ...m, which: "clerkmini" })),
    { id: "backend", name: "@clerk/backend", which: "backend" }, { id: "fetch", name: "plain fetch", which: "fetch" }];
  const sb = await startSandbox();
  try {
    const n = SMOKE ? 20 : 600;
    log(`scaling: JS, ${runs} alternating processes per client`);
    const scale = (c) => () => child("scale", c.which, childEnv(sb, c.file, n)).then((r) => r.result);
    const rs = await alternate(runs, clients.map(scale));
    const levels = [1, 10, 100];
    const md = `## JavaScript: concurrent create + revoke pairs in one Node process

${table(["pairs in flight", ...clients.map((c) => `${c.name}: pairs/s, p50, p99`)], levels.map((k) => [k, ...rs.map((r) => cells(r, k).join(", "))]))}

\`node bench/js/child.mjs scale CLIENT\`: one process per client and run (${runs} alternating runs, medians shown):
20 pairs to warm up, then for each level rounds of k concurrent create+revoke pairs (about ${n} pairs per level, at
least 2 rounds), against the sandbox over loopback HTTP. The sandbox (Go) and the process share the 2 cores.
`;
    return { md, head: {} };
  } finally {
    sb.stop();
  }
}
