// The loader keeps its WebAssembly instance private. watchMemories makes every instance
// created from then on record its memory in the array it returns, so that a test (the
// soak) or a benchmark (bench/js/child.mjs) can watch the module's memory grow.
export function watchMemories() {
  const memories = [];
  const Real = WebAssembly.Instance;
  WebAssembly.Instance = class extends Real {
    constructor(...args) {
      super(...args);
      memories.push(this.exports.memory);
    }
  };
  return memories;
}

/** Issue 8's bounds on growth over a long run, MiB: the soak test fails beyond them, the benchmark reports against them. */
export const MEMORY_BOUNDS = Object.freeze({ rss: 10, wasm: 2 });

/**
 * Runs run(step) until total pairs are done, reading the process's memory after a
 * collection before the first step and after each (needs --expose-gc). RSS and JS heap
 * growth are the median of the last three readings over the median of the first three:
 * RSS moves by a few MiB from reading to reading with a flat heap (the allocator holding a
 * transient page, V8 settling its code), and a single reading at each end read that
 * noise as growth, while a real leak of even 100 bytes a pair shows in the medians. The
 * module's memory never shrinks, so its growth is simply the last reading over the one
 * before the first step. memory() returns the module's WebAssembly.Memory, if any.
 * Soak test and benchmark both measure with this, so their numbers mean the same.
 */
export async function memoryGrowth(run, total, step, memory) {
  const read = () => {
    globalThis.gc();
    const m = process.memoryUsage();
    return { rss: m.rss, heap: m.heapUsed, wasm: memory()?.buffer.byteLength ?? 0 };
  };
  const start = read();
  const readings = [];
  for (let done = 0; done < total; done += step) {
    await run(step);
    readings.push(read());
  }
  if (readings.length < 6) throw new Error(`memoryGrowth: ${readings.length} readings; the medians need at least 6 (total / step)`);
  const median3 = (xs, k) => xs.map((x) => x[k]).sort((a, b) => a - b)[1];
  const after = readings.at(-1);
  return {
    growth: {
      rss: median3(readings.slice(-3), "rss") - median3(readings.slice(0, 3), "rss"),
      heap: median3(readings.slice(-3), "heap") - median3(readings.slice(0, 3), "heap"),
      wasm: after.wasm - start.wasm,
    },
    start, after, readings,
  };
}
