// The few WASI functions Go's wasip1 runtime calls (the TinyGo module imports nothing):
// clocks, random bytes, writes to nowhere, an exit that throws. Everything else answers
// ENOSYS. The module never reads files, arguments or the environment.
const ENOSYS = 52;
const EBADF = 8; // fd_prestat_get: "no more preopened directories"

export function wasiImports(memory) {
  const view = () => new DataView(memory().buffer);
  const zeros = (...ptrs) => { for (const p of ptrs) view().setUint32(p, 0, true); return 0; };
  const own = {
    args_sizes_get: zeros, environ_sizes_get: zeros,
    args_get: () => 0, environ_get: () => 0, sched_yield: () => 0,
    fd_prestat_get: () => EBADF, fd_prestat_dir_name: () => EBADF,
    clock_time_get(id, _precision, out) {
      const ms = id === 0 ? Date.now() : performance.now(); // 0 realtime, else monotonic
      view().setBigUint64(out, BigInt(Math.round(ms * 1e6)), true);
      return 0;
    },
    random_get(ptr, len) {
      for (let at = 0; at < len; at += 65536) { // getRandomValues' per-call limit
        crypto.getRandomValues(new Uint8Array(memory().buffer, ptr + at, Math.min(65536, len - at)));
      }
      return 0;
    },
    fd_write(_fd, iovs, n, written) { // discarded: nothing the module says reaches a log
      let total = 0;
      for (let i = 0; i < n; i++) total += view().getUint32(iovs + 8 * i + 4, true);
      view().setUint32(written, total, true);
      return 0;
    },
    proc_exit(code) { throw new Error(`the module exited with code ${code}`); },
  };
  return new Proxy(own, { get: (t, name) => (Object.hasOwn(t, name) ? t[name] : () => ENOSYS) });
}
