// Part 2: sizes. clerkmini's js/wasm module against clerk-sdk-go's sign-in-token program
// built for js/wasm with the same flags, and the native MCP binary against the npm
// install that @clerk/agent-toolkit's MCP server needs.
import { readFileSync, readdirSync, statSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { BENCH, BROTLI_QUALITY, GO, OUT, exists, kb, log, ratio, sh, sizes, startSandbox, table } from "./lib.mjs";
import { mcpFace, wasmFace } from "./faces.mjs";

// The flags of clerkmini's `make wasm` (wasm.mk's WASM_GOFLAGS), so both builds strip alike.
const WASM_FLAGS = ["-trimpath", "-ldflags=-s -w"];

const row = (name, s, note = "") => [name, kb(s.raw), kb(s.gzip), kb(s.brotli), note];
const sizeOf = (files) => sizes(Buffer.concat(files.map((f) => readFileSync(f))));

/** Bytes on disk of an npm package and everything it depends on, and their count. */
export function npmClosure(pkgDir) {
  const seen = new Set();
  let bytes = 0;
  const dirBytes = (d) => readdirSync(d, { withFileTypes: true }).reduce((n, e) => {
    if (e.name === "node_modules") return n;
    const p = join(d, e.name);
    return n + (e.isDirectory() ? dirBytes(p) : e.isFile() ? statSync(p).size : 0);
  }, 0);
  const find = (from, name) => { // Node's lookup: node_modules upwards from the dependent
    for (let d = from; d !== "/"; d = join(d, "..")) {
      const p = join(d, "node_modules", name);
      if (exists(join(p, "package.json"))) return realpathSync(p);
    }
    return null;
  };
  const walk = (dir) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    bytes += dirBytes(dir);
    const pj = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    for (const name of Object.keys({ ...pj.dependencies, ...pj.optionalDependencies })) {
      const d = find(dir, name);
      if (d) walk(d);
    }
  };
  walk(realpathSync(pkgDir));
  return { bytes, packages: seen.size };
}

/**
 * Runs the peer's js/wasm program under Node against the sandbox, launched as `node`
 * and by Node's full path: Go's net/http uses fetch only when process.argv0 does not
 * start with "node" (go.dev/issue/57613), and dials TCP, which js/wasm lacks, otherwise.
 */
async function peerUnderNode(wasm) {
  const sb = await startSandbox();
  try {
    const execJS = join(sh(GO, ["env", "GOROOT"]).trim(), "lib", "wasm", "wasm_exec_node.js");
    const env = { PATH: process.env.PATH, CLERK_API_URL: sb.apiUrl, CLERK_SECRET_KEY: sb.secretKey };
    const run = (argv0) => {
      try {
        sh(process.execPath, [execJS, wasm, "user_alice", "600"], { env, argv0, timeout: 30000 });
        return "works";
      } catch (e) {
        return `fails: \`${(e.stderr || e.message).trim().split("\n").pop().replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:PORT")}\``;
      }
    };
    return { asNode: run("node"), byPath: run(process.execPath) };
  } finally {
    sb.stop();
  }
}

/** Runs part 2 and returns its Markdown section and headline ratios. */
export async function part2() {
  log("part 2: sizes");
  const head = {};
  const peerWasm = join(OUT, "clerk-sdk-go.wasm");
  sh(GO, ["build", ...WASM_FLAGS, "-o", peerWasm, "./sdkwasm"], { cwd: BENCH, env: { ...process.env, GOOS: "js", GOARCH: "wasm" } });
  const peer = sizeOf([peerWasm]);
  const underNode = await peerUnderNode(peerWasm);
  const rows = [];
  const w = wasmFace();
  let ours;
  if (w.missing) {
    rows.push(["clerkmini.wasm (Go)", "—", "—", "—", w.missing]);
  } else {
    ours = sizeOf([w.wasm]);
    rows.push(row("clerkmini.wasm (Go)", ours, w.from));
    // The JavaScript the package ships (its package.json "files"), the Go glue among it.
    const files = JSON.parse(readFileSync(join(w.dir, "package.json"), "utf8")).files ?? [];
    const js = files.filter((f) => /\.m?js$/.test(f)).map((f) => join(w.dir, f)).filter(exists);
    rows.push(row("clerkmini JS: Go's glue + loader", sizeOf(js), js.map((f) => f.split("/").pop()).join(", ")));
  }
  const tiny = w.dir && join(w.dir, "clerkmini.tinygo.wasm");
  rows.push(tiny && exists(tiny) ? row("clerkmini.tinygo.wasm", sizeOf([tiny]), "`make wasm-tinygo`")
    : ["clerkmini.tinygo.wasm", "—", "—", "—", "not built: TinyGo is not on PATH (no registry here has it)"]);
  rows.push(row("clerk-sdk-go sign-in-token program (Go, js/wasm)", peer, "`bench/sdkwasm`, same flags; needs the same wasm_exec.js"));
  if (ours) {
    rows.push(["**clerk-sdk-go ÷ clerkmini**", `**${ratio(peer.raw, ours.raw)}**`, `**${ratio(peer.gzip, ours.gzip)}**`, `**${ratio(peer.brotli, ours.brotli)}**`, ""]);
    head.wasm = { raw: peer.raw / ours.raw, gzip: peer.gzip / ours.gzip, ours, peer };
  }

  const mrows = [];
  const m = mcpFace();
  const toolkit = npmClosure(join(BENCH, "node_modules", "@clerk", "agent-toolkit"));
  const nodeBytes = statSync(realpathSync(process.execPath)).size;
  if (m.missing) {
    mrows.push(["clerkmini-mcp (native, linux/amd64)", "—", "—", "—", m.missing]);
  } else {
    const s = sizeOf([m.bin]);
    mrows.push(row("clerkmini-mcp (native, linux/amd64)", s, `${m.from}; one static file, nothing else needed`));
    head.mcp = { ours: s.raw, toolkit: toolkit.bytes, node: nodeBytes };
  }
  mrows.push([`@clerk/agent-toolkit 0.3.15 installed, with its ${toolkit.packages - 1} dependencies`, kb(toolkit.bytes), "—", "—", "files on disk under node_modules, as npm installs them"]);
  mrows.push(["… plus the Node.js it needs", kb(nodeBytes), "—", "—", `\`${process.execPath}\` ${process.version}`]);
  if (head.mcp) mrows.push(["**agent-toolkit ÷ clerkmini-mcp** (raw; with Node)", `**${ratio(toolkit.bytes, head.mcp.ours)}** (${ratio(toolkit.bytes + nodeBytes, head.mcp.ours)})`, "", "", ""]);

  const md = `## 2. Size

What a user ships: the WebAssembly module (the JavaScript hosts' client) and the MCP server.
gzip is level 9, brotli quality ${BROTLI_QUALITY} (Node's zlib).

${table(["artifact", "raw", "gzip", "brotli", "how it was built / note"], rows)}

${table(["MCP server", "raw", "gzip", "brotli", "note"], mrows)}

clerk-sdk-go's program pulls in \`net/http\` (and with it TLS, HTTP/2 and \`encoding/json\` by reflection); clerkmini's
module calls the host's \`fetch\` through \`syscall/js\` and decodes with gjson. Size aside, run under Node against the sandbox
with Go's \`wasm_exec_node.js\` (natively the same program works), the peer's module, launched as \`node …\`,
${underNode.asNode}; launched by Node's full path, it ${underNode.byPath}. Go's net/http uses \`fetch\` only when
\`process.argv0\` does not start with "node" (go.dev/issue/57613) and otherwise dials TCP, which js/wasm lacks.
`;
  return { md, head };
}
