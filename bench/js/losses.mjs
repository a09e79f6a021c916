// "Where clerkmini loses, and why": one paragraph per comparison that this run's numbers
// show clerkmini losing or missing issue 5's target. The reasons point at the evidence
// measured in the same run (profiles, floors), never at numbers from elsewhere.
const x = (r) => `${r.toFixed(1)}×`;
const ms3 = (v) => `${v.toFixed(3)} ms`;
const ms = (v) => `${Math.round(v)} ms`;
const pct = (f) => `${(100 * f).toFixed(0)}%`;

/** Markdown paragraphs, or a line saying clerkmini lost nothing here. */
export function losses(h) {
  const out = [];
  const g = h["1"];
  if (g?.canned && (g.canned.allocs < 4 || g.canned.speed < 3)) {
    const missed = [g.canned.speed < 3 && "3× faster", g.canned.allocs < 4 && "4× fewer allocations"].filter(Boolean);
    out.push(`- **Go, through the same \`*http.Client\`: ${x(g.canned.speed)} faster and ${x(g.canned.allocs)} fewer allocations; issue 5's
  target of ${missed.join(" and ")} is not met.**
  Both clients pay net/http's request machinery, and it is most of what clerkmini allocates on this path: part 1's
  allocation table shows the client's header copy (\`Header.Clone\`), \`NewRequestWithContext\`, and clerkmini's per-attempt timeout (a context
  and a timer per call). The core itself allocates far less: see the core micro-benchmarks below (one call each).${g.seam ? ` At
  its own \`Transport\` seam (no net/http), clerkmini is ${x(g.seam.speed)} faster with ${x(g.seam.allocs)} fewer allocations than
  clerk-sdk-go can be through its only seam, the \`*http.Client\`.` : ""} With the sandbox in the loop (memory) or a socket
  (loopback), both pay the same server work, so the ratio shrinks toward 1.`);
  }
  const s = h["2"];
  if (s?.mcp && s.mcp.ours > s.mcp.toolkit) out.push("- **The MCP binary is larger than agent-toolkit's package closure**: a static Go binary carries its runtime; the toolkit needs Node (counted separately).");
  const j = h["4"];
  if (j?.first && j.first < 1) {
    const loadGap = j.ours.ready - j.peer.ready, callGap = (j.ours.first - j.ours.ready) - (j.peer.first - j.peer.ready);
    const loading = "compiling and starting the wasm module against importing @clerk/backend's JavaScript";
    const firstCreate = `the first create itself (${ms(j.ours.first - j.ours.ready)} against ${ms(j.peer.first - j.peer.ready)})`;
    out.push(`- **Node, cold: the first token comes ${x(1 / j.first)} later than @clerk/backend's** (${ms(j.ours.first)} against
  ${ms(j.peer.first)}, medians). ${loadGap >= 0
    ? `Of the ${ms(j.ours.first - j.peer.first)} gap, ${ms(loadGap)} is loading the client (${loading}) and ${ms(callGap)} is ${firstCreate}.`
    : `The gap is ${firstCreate}; loading the client (${loading}) is ${ms(-loadGap)} quicker.`}`);
  }
  if (j?.warm && j.warm < 1) {
    const top = j.profile?.slice(0, 6).map((p) => `\`${p.name}\` ${pct(p.share)}`).join(", ");
    const w = j.where;
    out.push(`- **Node, warm: a create + revoke pair costs ${x(1 / j.warm)} @clerk/backend's time against the sandbox, and ${x(1 / j.canned)}
  its time when \`fetch\` answers at once** (the clients' own cost: ${ms3(j.ours.canned)} against ${ms3(j.peer.canned)} per pair). That
  cost is the wasm face's, not the core's, whose own work is a few µs per call (the core micro-benchmarks).${top ? ` Part 4's
  CPU profile: the top self times are ${top}` : ""}${w ? `; by where, the JavaScript↔Go boundary takes ${pct(w.boundary)} of busy
  time, Go's runtime ${pct(w.goRuntime)} (\`runtime.addspecial\` records the finalizer that \`syscall/js\` sets on every
  JavaScript value Go holds), V8's collector ${pct(w.gc)} and Node's internals ${pct(w.node)}` : ""}.`);
  }
  if (j?.linger && j.linger.ours > 1000) {
    out.push(`- **A Node process using clerkmini lingers ${(j.linger.ours / 1000).toFixed(1)} s after its last call** (@clerk/backend's:
  ${(j.linger.peer / 1000).toFixed(1)} s). That is the core's default per-attempt timeout (10 s). The core cancels that
  timer when the call ends, but Go's js/wasm runtime, going idle while the timer was pending, had scheduled a
  JavaScript \`setTimeout\` for it, and it clears that only when it schedules another (\`beforeIdle\` in
  \`runtime/lock_js.go\`): the stale one holds Node's event loop open until it fires. A script that does not call
  \`process.exit\` waits for it; the loader could hold its own reference while calls are in flight and \`unref()\`
  the runtime's timers.`);
  }
  if (j?.edgeGzip && j.edgeGzip < 1) {
    out.push(`- **Edge worker bytes: clerkmini ships ${x(1 / j.edgeGzip)} more (gzip).** The module carries Go's runtime, its
  scheduler and garbage collector, and gjson; @clerk/backend's JavaScript uses the host's. TinyGo, the project's answer
  to this, is not in any registry this machine reaches, so it is not measured here.`);
  }
  return out.length ? out.join("\n") : "Nowhere in this run.";
}
