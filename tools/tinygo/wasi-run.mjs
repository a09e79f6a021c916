// Runs a WASI (preview 1) program in Node, as `tinygo test -target=wasip1 -c` builds a
// test binary: node wasi-run.mjs prog.wasm [args...]; exits with the program's status.
// No folders are opened to it and its environment is empty.
import { readFileSync } from "node:fs";
import process from "node:process";
import { WASI } from "node:wasi";

const [file, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: "preview1", args: [file, ...args], env: {}, returnOnExit: true });
const instance = await WebAssembly.instantiate(new WebAssembly.Module(readFileSync(file)), wasi.getImportObject());
process.exitCode = wasi.start(instance);
