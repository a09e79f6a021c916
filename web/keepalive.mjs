// Go's js/wasm runtime keeps a host timer for its earliest timer even after that timer
// was stopped (a finished call's 10 s attempt timeout). In Node, Deno and Bun that timer
// alone kept a script alive for 10 s after its last call. So Go's timers are unref'd,
// and the loader itself holds the process open exactly while a call is in flight.

// Hosts whose process ends when nothing is pending; browsers and Workers have no such end.
const exitsWhenIdle = typeof globalThis.process?.versions?.node === "string" ||
  typeof globalThis.Deno?.unrefTimer === "function";

/** Makes the timers Go's glue schedules not keep the process alive. */
export function unrefGoTimers(go) {
  const imports = go.importObject?.gojs;
  const name = "runtime.scheduleTimeoutEvent";
  const schedule = imports?.[name];
  if (!exitsWhenIdle || typeof schedule !== "function" || !(go._scheduledTimeouts instanceof Map)) {
    return; // another glue (TinyGo's): its timers keep their default
  }
  imports[name] = (sp) => {
    schedule(sp);
    unref(go._scheduledTimeouts.get(go._nextCallbackTimeoutID - 1));
  };
}

function unref(timer) {
  if (typeof timer?.unref === "function") timer.unref(); // Node, Bun
  else if (typeof timer === "number") globalThis.Deno?.unrefTimer?.(timer);
}

let inFlight = 0;
let holder = null;

/** Keeps the process alive until the matching release. */
export function hold() {
  if (inFlight++ === 0 && exitsWhenIdle) holder = setInterval(() => {}, 2 ** 30);
}

export function release() {
  if (--inFlight === 0 && holder !== null) {
    clearInterval(holder);
    holder = null;
  }
}
