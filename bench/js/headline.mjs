// The headline table: one line per comparison, from the numbers the parts measured in
// this run. It heads BENCHMARKS.md and replaces the README's benchmark section.
import { fmt, kb, table } from "./lib.mjs";

const x = (r) => `${r >= 1 ? r.toFixed(1) : r.toFixed(2)}×`;
// A ratio peer ÷ clerkmini, worded so a loss reads as one.
const verdict = (r, better, worse) => (r >= 1 ? `**${x(r)} ${better}**` : `**${x(1 / r)} ${worse}** (clerkmini loses)`);

// The rows the README keeps (its table is short); BENCHMARKS.md has them all.
const SHORT = /^(Go: Create \+ Revoke, the clients|Go: Create \+ Revoke over loopback|js\/wasm|MCP cold|MCP peak|Node, cold|Node, warm create|Edge)/;

/** A table of [comparison, clerkmini, target] from the parts' heads (short: the README's rows). */
export function headline(h, short = false) {
  const rows = [];
  const g = h["1"];
  if (g?.canned) rows.push(["Go: Create + Revoke, the clients' own cost (canned answer) vs clerk-sdk-go", `${verdict(g.canned.speed, "faster", "slower")}, ${verdict(g.canned.allocs, "fewer allocations", "more allocations")}`, "3× faster, 4× fewer allocations"]);
  if (g?.seam) rows.push(["Go: the same, each at its cheapest seam (clerkmini.Transport vs clerk-sdk-go's *http.Client)", `${verdict(g.seam.speed, "faster", "slower")}, ${verdict(g.seam.allocs, "fewer allocations", "more allocations")}`, "(not like for like: see part 1)"]);
  if (g?.memory) rows.push(["Go: Create + Revoke in memory through the sandbox vs clerk-sdk-go", `${verdict(g.memory.speed, "faster", "slower")}, ${verdict(g.memory.allocs, "fewer allocations", "more allocations")}`]);
  if (g?.loopback) rows.push(["Go: Create + Revoke over loopback HTTP vs clerk-sdk-go", verdict(g.loopback.speed, "faster", "slower")]);
  const s = h["2"];
  if (s?.wasm) rows.push([`js/wasm module, gzip: ${kb(s.wasm.ours.gzip)} vs clerk-sdk-go's ${kb(s.wasm.peer.gzip)}`, verdict(s.wasm.gzip, "smaller", "larger")]);
  const m = h["3"];
  if (m?.list) {
    rows.push([`MCP cold start to tools/list: ${fmt(m.ours.list)} ms vs agent-toolkit's ${fmt(m.peer.list)} ms`, verdict(m.list, "faster", "slower"), "20× faster"]);
    rows.push([`MCP peak RSS: ${fmt(m.ours.rss)} MiB vs agent-toolkit's ${fmt(m.peer.rss)} MiB`, verdict(m.rss, "less memory", "more memory"), "5× less memory"]);
  }
  const j = h["4"];
  if (j?.first) {
    rows.push([`Node, cold process to first token: ${fmt(j.ours.first)} ms vs @clerk/backend's ${fmt(j.peer.first)} ms`, verdict(j.first, "faster", "slower")]);
    rows.push([`Node, warm create + revoke (p50): ${fmt(j.ours.warm, 2)} ms vs @clerk/backend's ${fmt(j.peer.warm, 2)} ms`, verdict(j.warm, "faster", "slower")]);
    rows.push([`Node, warm, the clients' own cost (fetch answered at once): ${fmt(j.ours.canned, 3)} ms vs ${fmt(j.peer.canned, 3)} ms`, verdict(j.canned, "faster", "slower")]);
    rows.push([`Edge worker bytes, gzip: ${kb(j.ours.gzip)} vs @clerk/backend's ${kb(j.peer.gzip)}`, verdict(j.edgeGzip, "smaller", "larger")]);
  }
  const c = h["5"];
  if (c?.mcp) rows.push(["MCP tool calls on one session (no peer has these tools)", Object.entries(c.mcp).map(([k, v]) => `${fmt(v, 0)}/s at ${k}`).join(", ")]);
  if (short) rows.splice(0, rows.length, ...rows.filter((r) => SHORT.test(r[0])));
  return rows.length ? table(["comparison (same run, same machine)", "clerkmini", "issue 5's target"], rows.map((r) => [r[0], r[1], r[2] ?? ""])) : "No comparison ran.";
}
