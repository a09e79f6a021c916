// The headline table: one line per measure, from the numbers measured in this run (each a
// median with its min–max, the ratio, and the bar). It heads BENCHMARKS.md and
// replaces the README's benchmark section (the rows marked short).
import { fmt, kb, median, mm, table } from "./lib.mjs";
import { MEMORY_BOUNDS } from "../../web/test/memories.mjs";

const x = (r) => `${r >= 1 ? r.toFixed(1) : r.toFixed(2)}×`;
/** A ratio peer ÷ clerkmini (above 1: clerkmini is better), worded so a loss reads as one. */
export const verdict = (r, better, worse) => (!Number.isFinite(r) ? "n/a" : r >= 1 ? `**${x(r)} ${better}**` : `**${x(1 / r)} ${worse}** (clerkmini loses)`);
const met = (ok) => (ok ? "met" : "**missed**");

/** Issue 8's bounds on memory over 100,000 pairs, MiB; issue 10's guard ratios against agent-toolkit. */
export const BOUNDS = { ...MEMORY_BOUNDS, mcpStart: 20, mcpRss: 5 };

/** Rows of [measure, TinyGo, Go, @clerk/backend, ratio, bar, short?] for the JavaScript comparison. */
function nodeRows(n) {
  const { tinygo: t, go: g, backend: b } = n.per;
  const r = (k, better, worse) => `TinyGo ${verdict(median(b[k]) / median(t[k]), better, worse)}; Go ${verdict(median(b[k]) / median(g[k]), better, worse)}`;
  const ms = (xs, d = 1) => mm(xs, " ms", d);
  const us = (xs) => mm(xs, " µs");
  const own = median(b.own) / median(t.own); // issue 8's measure of warm speed
  const mib = (xs) => mm(xs, " MiB", 2);
  const bound = (c, k) => median(c[k]) <= BOUNDS[k];
  return [
    ["bytes an edge worker ships (loader JS + module, gzip)", kb(t.edge[0]), kb(g.edge[0]), kb(b.edge[0]), r("edge", "smaller", "larger"), "must ≤ 100 kB; goal ≤ 41 kB, below @clerk/backend", true],
    [`RSS growth over ${n.memPairs.toLocaleString("en-US")} create + revoke pairs`, mib(t.rss), mib(g.rss), mib(b.rss), "—", `must ≤ ${BOUNDS.rss} MiB: TinyGo ${met(bound(t, "rss"))}, Go ${met(bound(g, "rss"))}`, true],
    [`WebAssembly memory growth over ${n.memPairs.toLocaleString("en-US")} pairs`, mib(t.wasm), mib(g.wasm), "— (no module)", "—", `must ≤ ${BOUNDS.wasm} MiB: TinyGo ${met(bound(t, "wasm"))}, Go ${met(bound(g, "wasm"))}; goal flat`, true],
    ["Node, cold process → first token", ms(t.first), ms(g.first), ms(b.first), r("first", "faster", "slower"), "must faster; goal 2× faster", true],
    ["Node, warm create + revoke, the clients' own cost: CPU time per pair less plain fetch's (canned fetch)", us(t.own), us(g.own), us(b.own), r("own", "faster", "slower"), `must faster: TinyGo ${met(own > 1)}; goal 3× faster: TinyGo ${met(own >= 3)}`, true],
    ["Node, warm create + revoke with fetch answered at once, wall time per pair (p50, fetch's own included)", ms(t.canned, 3), ms(g.canned, 3), ms(b.canned, 3), r("canned", "faster", "slower"), ""],
    ["time to ready in Node (compile + instantiate)", ms(t.ready, 2), ms(g.ready, 2), `${ms(b.ready, 2)} (a constructor, no module)`, "—", `TinyGo must ≤ 5 ms (${met(median(t.ready) <= 5)}); goal ≤ 2 ms (${met(median(t.ready) <= 2)})`, true],
    ["Node, warm create + revoke against the sandbox over HTTP (p50)", ms(t.warm, 2), ms(g.warm, 2), ms(b.warm, 2), r("warm", "faster", "slower"), ""],
  ];
}

/** A table of the run's headline numbers (short: the README's rows). */
export function headline(h, short = false) {
  const rows = [];
  if (h.node) rows.push(...nodeRows(h.node));
  const m = h.mcpCold;
  if (m) {
    const s = m.samples;
    rows.push([`MCP cold start → tools/list: clerkmini-mcp ${mm(s.ours.list, " ms")} vs agent-toolkit ${mm(s.peer.list, " ms")}`, "", "", "", verdict(m.list, "faster", "slower"), `issue 10 guard ≥ ${BOUNDS.mcpStart}×: ${met(m.list >= BOUNDS.mcpStart)}`, true]);
    rows.push([`MCP peak RSS: clerkmini-mcp ${mm(s.ours.rss, " MiB")} vs agent-toolkit ${mm(s.peer.rss, " MiB")}`, "", "", "", verdict(m.rss, "less memory", "more memory"), `issue 10 guard ≥ ${BOUNDS.mcpRss}×: ${met(m.rss >= BOUNDS.mcpRss)}`, true]);
  }
  if (h.sizes?.mcpb) rows.push([`MCP Bundle (dist/clerkmini.mcpb): ${kb(h.sizes.mcpb)}`, "", "", "", "", "reported", true]);
  const c = h.mcpScaling;
  if (c?.mcp) rows.push(["MCP tool calls on one session (no peer has these tools)", "", "", "", Object.entries(c.mcp).map(([k, v]) => `${fmt(v, 0)}/s at ${k}`).join(", "), ""]);
  const g = h.goClient;
  const go = (label, k, bar, isShort) => g?.[k] && rows.push([label, "", "", "", `${verdict(g[k].speed, "faster", "slower")}, ${verdict(g[k].allocs, "fewer allocations", "more allocations")}`, bar, isShort]);
  go("Go: Create + Revoke through the same *http.Client, canned answer, vs clerk-sdk-go", "canned", "issue 5: 3× faster, 4× fewer allocations", true);
  go("Go: the same, each at its cheapest seam (clerkmini.Transport vs clerk-sdk-go's *http.Client)", "seam", "not like for like", false);
  go("Go: Create + Revoke in memory through the sandbox vs clerk-sdk-go", "memory", "", false);
  if (g?.loopback) rows.push(["Go: Create + Revoke over loopback HTTP vs clerk-sdk-go", "", "", "", verdict(g.loopback.speed, "faster", "slower"), "", true]);
  const shown = short ? rows.filter((r) => r[6]) : rows;
  return shown.length
    ? table(["measure (same run, same machine)", "TinyGo module (ships)", "Go module", "@clerk/backend", "peer ÷ clerkmini", "the issue's bar"], shown.map((r) => r.slice(0, 6)))
    : "No comparison ran.";
}
