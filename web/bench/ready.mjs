// One cold start, in a fresh process (V8 caches compiled modules within one): prints the
// milliseconds to import the loader, compile the module, and instantiate it up to a
// usable client. Used by bench.mjs.
import { readFile } from "node:fs/promises";

const bytes = await readFile(process.argv[2]);
const t0 = performance.now();
const { createClerkClient } = await import("../clerkmini.mjs");
const t1 = performance.now();
const module = await WebAssembly.compile(bytes);
const t2 = performance.now();
await createClerkClient({ secretKey: "sk_test_bench_ready", wasm: module });
const t3 = performance.now();
console.log(JSON.stringify({ importLoader: t1 - t0, compile: t2 - t1, instantiate: t3 - t2, ready: t3 - t1 }));
