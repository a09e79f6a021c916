// Sizes of what a user ships: both WebAssembly modules, the MCP server binary against the
// npm install that @clerk/agent-toolkit's MCP server needs, and the MCP Bundle when built.
import { readFileSync, readdirSync, statSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { BENCH, BROTLI_QUALITY, OUT, ROOT, SMOKE, exists, kb, log, ratio, sizes, table } from "./lib.mjs";
import { makeRecipe, mcpBin, wasmModules } from "./build.mjs";

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

/** Measures the sizes; returns the Markdown section and headline numbers. */
export async function sizesReport() {
  log("sizes");
  const head = {};
  const rows = wasmModules().map((m) => row(m.name, sizeOf([m.file]), "`make wasm`"));
  // What cmd/wasm/pretty (the stand-in for tidwall/pretty) saves the Go module; a slow build, so not in smoke runs.
  if (!SMOKE) {
    const real = join(OUT, "clerkmini.tidwall-pretty.wasm");
    makeRecipe(`GOWORK=off GOOS=wasip1 GOARCH=wasm $(GO) build $(WASM_GOFLAGS) -buildmode=c-shared -o ${real} ./cmd/wasm`);
    rows.push(row("Go module with the real tidwall/pretty", sizeOf([real]), "`GOWORK=off`: what the stand-in `cmd/wasm/pretty` saves"));
  }

  const mrows = [];
  const bin = mcpBin();
  const toolkit = npmClosure(join(BENCH, "node_modules", "@clerk", "agent-toolkit"));
  const nodeBytes = statSync(realpathSync(process.execPath)).size;
  const s = sizeOf([bin]);
  mrows.push(row("clerkmini-mcp (native, linux/amd64)", s, "`go build ./cmd/mcp`; one static file, nothing else needed"));
  head.mcp = { ours: s.raw, toolkit: toolkit.bytes, node: nodeBytes };
  mrows.push([`@clerk/agent-toolkit 0.3.15 installed, with its ${toolkit.packages - 1} dependencies`, kb(toolkit.bytes), "—", "—", "files on disk under node_modules, as npm installs them"]);
  mrows.push(["… plus the Node.js it needs", kb(nodeBytes), "—", "—", `\`${process.execPath}\` ${process.version}`]);
  mrows.push(["**agent-toolkit ÷ clerkmini-mcp** (raw; with Node)", `**${ratio(toolkit.bytes, head.mcp.ours)}** (${ratio(toolkit.bytes + nodeBytes, head.mcp.ours)})`, "", "", ""]);

  // The MCP Bundle is built by `make mcpb` (slow: the release binaries); measured when present.
  const mcpb = join(ROOT, "dist", "clerkmini.mcpb");
  if (exists(mcpb)) {
    head.mcpb = statSync(mcpb).size;
    mrows.push(["dist/clerkmini.mcpb (the MCP Bundle)", kb(head.mcpb), "—", "—", "`make mcpb`: a zip, already compressed"]);
  } else {
    mrows.push(["dist/clerkmini.mcpb (the MCP Bundle)", "—", "—", "—", "not built in this tree: `make mcpb` first"]);
  }

  const md = `## Sizes

What a user ships: the WebAssembly module and the MCP server. gzip is level 9, brotli quality ${BROTLI_QUALITY}
(Node's zlib). What an edge worker ships, loader included, is under "JavaScript in Node" below.

${table(["module", "raw", "gzip", "brotli", "how it was built / note"], rows)}

${table(["MCP server", "raw", "gzip", "brotli", "note"], mrows)}
`;
  return { md, head };
}
