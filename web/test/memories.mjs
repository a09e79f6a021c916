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
