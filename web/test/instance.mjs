// The loader's side of a module that traps (a bug in the module, never the host's input):
// the instance is dead, every later call says so, and frees (a finalizer's, a call's
// finally) are skipped rather than thrown. A stand-in for the exports, so that a trap can
// be had on demand.
import { Instance } from "../module.mjs";
import { deepEqual, equal, fail, match } from "./assert.mjs";

function fakeExports(freed) {
  return {
    memory: new WebAssembly.Memory({ initial: 1 }),
    clerkmini_max_header_bytes: () => 65536,
    clerkmini_max_response_bytes: () => 1 << 20,
    clerkmini_max_input: () => (1 << 20) + 1,
    clerkmini_client_free: (h) => freed.push(["client", h]),
    clerkmini_call_free: (h) => freed.push(["call", h]),
    clerkmini_live_clients: () => 0,
    clerkmini_next: () => { throw new WebAssembly.RuntimeError("unreachable"); },
  };
}

export const instanceCases = [
  ["a trapped instance: frees are skipped, every other call throws the same error", async () => {
    const freed = [];
    const inst = new Instance(fakeExports(freed));
    inst.clientFree(3);
    inst.callFree(7);
    inst.callFree(0); // a call that never started: nothing to free
    deepEqual(freed, [["client", 3], ["call", 7]], "the frees of a live instance");
    let died = 0;
    inst.onDead(() => died++);
    let trap;
    try {
      inst.next(7);
    } catch (e) {
      trap = e;
    }
    if (!trap) fail("the trap was not thrown");
    match(trap.message, /the WebAssembly module stopped \(unreachable\); create a new client/);
    equal(died, 1, "onDead listeners heard of it");
    inst.clientFree(3);
    inst.callFree(7);
    deepEqual(freed, [["client", 3], ["call", 7]], "a dead instance's frees");
    try {
      inst.liveClients();
      fail("a dead instance answered");
    } catch (e) {
      equal(e, trap, "the same error");
    }
  }],
];
