// Runs tools/tinygo/coreprobe as TinyGo built it for wasm-unknown: the module must need
// no imports, its probe must succeed, and its memory must stay bounded over many calls
// (TinyGo's default GC for wasm-unknown never frees).
import { readFileSync } from "node:fs";
import process from "node:process";

const CALLS = 20000;
const MAX_MEMORY = 2 << 20; // bytes of linear memory after CALLS probes

const mod = new WebAssembly.Module(readFileSync(process.argv[2]));
const imports = WebAssembly.Module.imports(mod);
if (imports.length) fail(`the module imports ${imports.map((i) => `${i.module}.${i.name}`).join(", ")}`);
const { exports } = new WebAssembly.Instance(mod, {});
exports._initialize?.();
for (let i = 0; i < CALLS; i++) {
  const code = exports.probe();
  if (code !== 0) fail(`probe returned ${code} on call ${i + 1} (see coreprobe/main.go)`);
}
const bytes = exports.memory.buffer.byteLength;
if (bytes > MAX_MEMORY) fail(`linear memory is ${bytes} bytes after ${CALLS} probes (bound ${MAX_MEMORY})`);
console.log(`coreprobe: ok, no imports, ${CALLS} probes, ${(bytes / 1024).toFixed(0)} KiB of linear memory`);

function fail(msg) {
  console.error(`coreprobe: ${msg}`);
  process.exit(1);
}
