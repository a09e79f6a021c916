// Finds or builds the faces under comparison: the MCP server binary (cmd/mcp) and the
// wasm module with its loader (cmd/wasm, web/). A face that is not in this tree yet is
// reported as not built, with the reason, instead of failing the whole report.
// CLERKMINI_MCP_BIN and CLERKMINI_WEB_DIR point at prebuilt ones (for developing the
// harness before a face lands); the report says which was used.
import { join } from "node:path";
import { GO, OUT, ROOT, exists, log, sh } from "./lib.mjs";

let mcp, web;

/** {bin, from} or {missing: reason}. Built once per report, as `make build` does. */
export function mcpFace() {
  if (mcp) return mcp;
  if (process.env.CLERKMINI_MCP_BIN) {
    mcp = { bin: process.env.CLERKMINI_MCP_BIN, from: `prebuilt (CLERKMINI_MCP_BIN=${process.env.CLERKMINI_MCP_BIN})` };
  } else if (exists(join(ROOT, "cmd", "mcp"))) {
    log("building cmd/mcp");
    const bin = join(OUT, "clerkmini-mcp");
    sh(GO, ["build", "-o", bin, "./cmd/mcp"], { cwd: ROOT });
    mcp = { bin, from: "`go build ./cmd/mcp` (as `make build`)" };
  } else {
    mcp = { missing: "not built: cmd/mcp is not in this tree yet (the mcp branch has not been merged)" };
  }
  return mcp;
}

/** {dir, wasm, from} or {missing: reason}: web/ after `make wasm`. */
export function wasmFace() {
  if (web) return web;
  if (process.env.CLERKMINI_WEB_DIR) {
    const dir = process.env.CLERKMINI_WEB_DIR;
    web = { dir, wasm: join(dir, "clerkmini.wasm"), from: `prebuilt (CLERKMINI_WEB_DIR=${dir})` };
  } else if (exists(join(ROOT, "cmd", "wasm")) && exists(join(ROOT, "web", "clerkmini.mjs"))) {
    log("make wasm");
    sh("make", ["-s", "wasm"], { cwd: ROOT });
    const dir = join(ROOT, "web");
    web = { dir, wasm: join(dir, "clerkmini.wasm"), from: "`make wasm`" };
  } else {
    web = { missing: "not built: cmd/wasm and web/ are not in this tree yet (the wasm branch has not been merged)" };
  }
  return web;
}
