// The suite's env for hosts with a file system and processes (Node, Deno, Bun): two
// sandboxes, the module named by CLERKMINI_WASM (default clerkmini.wasm, relative to web/).
import { readFile } from "node:fs/promises";
import { inspect } from "node:util";
import { startSandbox } from "../../cmd/sandbox/start.mjs";
import { closedPortURL } from "./ports.mjs";
import { KEY_A, KEY_B } from "./suite.mjs";

/** The module this run tests, as a file: URL. */
export const wasmURL = new URL(`../${process.env.CLERKMINI_WASM ?? "clerkmini.wasm"}`, import.meta.url);

export async function setup() {
  let shared = null; // before the sandboxes, so that a failure leaves no process behind
  try {
    shared = await import("@clerk/shared/error");
  } catch (e) {
    throw new Error(`@clerk/shared/error cannot be imported (npm ci in web/): ${e.message}`);
  }
  const [a, b] = await Promise.all([startSandbox({ key: KEY_A }), startSandbox({ key: KEY_B })]);
  return {
    a, b, wasm: wasmURL, shared, inspect,
    bytes: () => readFile(wasmURL),
    closedURL: await closedPortURL(),
    // Deno 2.9 puts "Connection refused" in the error's cause, which the loader does not
    // read (send.mjs's refused()): there a refused call may have reached Clerk.
    resendsPost: Boolean(globalThis.Deno), seesRefusal: true, runsEvery: true,
    stop: () => Promise.all([a.stop(), b.stop()]),
  };
}
