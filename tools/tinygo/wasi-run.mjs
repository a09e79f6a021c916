// Runs a WASI (preview 1) program in Node, as `tinygo test -target=wasip1 -c` builds a
// test binary: node wasi-run.mjs prog.wasm [args...]; exits with the program's status.
// No folders are opened to it and its environment is empty.
import { readFileSync } from "node:fs";
import process from "node:process";
import { WASI } from "node:wasi";

const [file, ...args] = process.argv.slice(2);
// The program's proc_exit ends the process with its status (returnOnExit: false): Node 20's
// returnOnExit, which unwinds back into start(), crashes (SIGSEGV) on the core's test
// binary since it grew by three tests, every time, after the last test has passed.
const wasi = new WASI({ version: "preview1", args: [file, ...args], env: {}, returnOnExit: false });
const instance = await WebAssembly.instantiate(new WebAssembly.Module(readFileSync(file)), wasi.getImportObject());
process.exitCode = wasi.start(instance) ?? 0;
