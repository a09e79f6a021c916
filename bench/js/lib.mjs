// Helpers shared by the parts of the benchmark report: paths, process runs, statistics
// and Markdown. Nothing here asserts a time: the report states what it measured.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, brotliCompressSync, constants as zc } from "node:zlib";
import { startSandbox as start } from "../../cmd/sandbox/start.mjs";

export const BENCH = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const ROOT = resolve(BENCH, "..");
/** Build outputs of the report (gitignored). */
export const OUT = join(BENCH, ".out");
mkdirSync(OUT, { recursive: true });

export const GO = process.env.GO || "go";
export const SMOKE = process.argv.includes("--smoke") || process.env.BENCH_SMOKE === "1";

/** Runs a command to completion and returns its stdout; throws with its stderr. */
export function sh(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "pipe"], ...opts });
}

/** Logs progress on stderr, so stdout stays the report's. */
const T0 = Date.now();
export function log(...a) { console.error(`bench [${((Date.now() - T0) / 1000).toFixed(1)}s]:`, ...a); }

/** Starts the sandbox (cmd/sandbox), built into OUT, on an ephemeral loopback port. */
export async function startSandbox() {
  const bin = join(OUT, "sandbox");
  sh(GO, ["build", "-o", bin, "./cmd/sandbox"], { cwd: ROOT });
  return start({ bin });
}

/**
 * Runs each of fns n times, alternating A B A B (and B A on odd rounds, so neither is
 * always first after an idle machine). Returns one array of results per fn.
 */
export async function alternate(n, fns) {
  const res = fns.map(() => []);
  for (let i = 0; i < n; i++) {
    const order = fns.map((_, j) => j);
    if (i % 2) order.reverse();
    for (const j of order) res[j].push(await fns[j](i));
  }
  return res;
}

const HAS_TIME = existsSync("/usr/bin/time");
const TIMEOUT_MS = 180_000;

/** Spawns cmd under /usr/bin/time (for peak RSS); resolves {ms, rssKiB, code} at exit. */
export function timed(cmd, args, opts, drive) {
  const rssFile = join(OUT, `rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const t0 = process.hrtime.bigint();
  // Without GNU time (Debian's `time`), a smoke run still checks the harness, with no RSS.
  if (!HAS_TIME && !SMOKE) throw new Error("/usr/bin/time is missing: apt-get install time");
  // Its own process group, so that a hung run can be ended with time's child too.
  const o = { stdio: ["pipe", "pipe", "pipe"], detached: true, ...opts };
  const p = HAS_TIME ? spawn("/usr/bin/time", ["-f", "%M", "-o", rssFile, cmd, ...args], o) : spawn(cmd, args, o);
  let stderr = "";
  p.stderr.on("data", (d) => { stderr += d; });
  const marks = {};
  const mark = (k) => { marks[k] ??= Number(process.hrtime.bigint() - t0) / 1e6; };
  const driven = drive ? drive(p, mark) : Promise.resolve();
  driven.catch(() => {}); // reported at exit, below; never an unhandled rejection
  // A child that hangs must not hang the report (or CI): every run here takes seconds.
  const limit = setTimeout(() => process.kill(-p.pid, "SIGKILL"), TIMEOUT_MS);
  return new Promise((ok, fail) => {
    p.on("exit", async (code) => {
      clearTimeout(limit);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      try { await driven; } catch (e) { fail(e); return; }
      const rssKiB = HAS_TIME ? Number(readFileSync(rssFile, "utf8").trim().split("\n").pop()) : NaN;
      rmSync(rssFile, { force: true });
      if (code !== 0) { fail(new Error(`${cmd} exited ${code}: ${stderr.slice(-400)}`)); return; }
      ok({ ms, rssKiB, marks, stderr });
    });
  });
}

// Statistics over a sample.
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i), hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}
export const median = (xs) => quantile(xs, 0.5);
export const summary = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });

/** "12.3 (11.9–13.0)": a median with its min–max. */
export function mm(xs, unit = "", digits = 1) {
  const s = summary(xs);
  return `${fmt(s.median, digits)}${unit} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}
export function fmt(x, digits = 1) {
  if (!Number.isFinite(x)) return "n/a";
  return x >= 1000 ? Math.round(x).toLocaleString("en-US") : x.toFixed(digits);
}
/** "3.2× smaller" style ratio: how many times peer is larger than ours. */
export function ratio(peer, ours) { return ours > 0 ? `${(peer / ours).toFixed(peer < ours ? 2 : 1)}×` : "n/a"; }

// brotli's best quality takes ~40 s on an 11 MB module here: smoke runs use a quick one.
export const BROTLI_QUALITY = SMOKE ? 5 : 11;

/** Sizes of a file's bytes: raw, gzip -9, brotli (BROTLI_QUALITY). */
export function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [zc.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zc.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length,
  };
}
export function kb(n) { return n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} kB`; }

/** A Markdown table. */
export function table(head, rows) {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

export const exists = existsSync;
