// A module instantiated on its own, outside the loader's cache, for measuring its exports
// alone (bench.mjs, pair.mjs).
import { readFileSync } from "node:fs";
import { Instance } from "../../web/module.mjs";
import { wasiImports } from "../../web/wasi.mjs";

/** Returns the Instance of the module file at path, and its raw exports. */
export function standalone(path) {
  const mod = new WebAssembly.Module(readFileSync(path));
  let memory;
  const imports = WebAssembly.Module.imports(mod).length ? { wasi_snapshot_preview1: wasiImports(() => memory) } : {};
  const { exports } = new WebAssembly.Instance(mod, imports);
  memory = exports.memory;
  exports._initialize?.();
  return { inst: new Instance(exports), exports };
}
