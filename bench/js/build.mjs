// Builds what the report measures, once per report, as the Makefile does: the MCP server
// binary (cmd/mcp) and both WebAssembly modules (`make wasm`: TinyGo's, which ships, and
// Go's, which proves the core toolchain-neutral), with the loader web/clerkmini.mjs.
import { join } from "node:path";
import { GO, OUT, ROOT, log, sh } from "./lib.mjs";

export const WEB = join(ROOT, "web");

let mcp, modules;

/** The MCP server binary, built by `go build ./cmd/mcp`. */
export function mcpBin() {
  if (!mcp) {
    log("building cmd/mcp");
    mcp = join(OUT, "clerkmini-mcp");
    sh(GO, ["build", "-o", mcp, "./cmd/mcp"], { cwd: ROOT });
  }
  return mcp;
}

/**
 * The two modules, in the order every table lists them: {id, name, file}. id is what the
 * child process is told (bench/js/child.mjs), file the module's path.
 */
export function wasmModules() {
  if (!modules) {
    log("make wasm");
    sh("make", ["-s", "wasm"], { cwd: ROOT });
    modules = [
      { id: "tinygo", name: "clerkmini.wasm (TinyGo, ships)", file: join(WEB, "clerkmini.wasm") },
      { id: "go", name: "clerkmini.go.wasm (Go)", file: join(WEB, "clerkmini.go.wasm") },
    ];
  }
  return modules;
}

/**
 * Runs one recipe inside the Makefile (`make --eval`), so that a variant build uses
 * wasm.mk's toolchain, flags and workspace, their one home, instead of a copy here.
 */
export function makeRecipe(recipe) {
  sh("make", ["-s", "--eval", `bench-recipe: ; ${recipe}`, "bench-recipe"], { cwd: ROOT });
}
