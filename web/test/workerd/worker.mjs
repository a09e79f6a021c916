// A Cloudflare Worker that runs the suite the way Workers must use clerkmini: the module
// imported as a WebAssembly.Module (Workers refuse to compile wasm bytes at run time).
// GET / runs every case and answers with what passed, skipped and failed; /health answers
// "ok" for the test's readiness probe.
import wasm from "../../clerkmini.wasm";
import { Sandbox } from "../../../cmd/sandbox/start.mjs";
import { runAll } from "../suite.mjs";

export default {
  async fetch(request, env) {
    if (new URL(request.url).pathname === "/health") return new Response("ok");
    const suiteEnv = {
      a: new Sandbox(env.SANDBOX_A_URL, env.SANDBOX_A_KEY),
      b: new Sandbox(env.SANDBOX_B_URL, env.SANDBOX_B_KEY),
      wasm, bytes: null, shared: null, inspect: null, closedURL: env.CLOSED_URL,
      resendsPost: false, seesRefusal: false, runsEvery: false,
    };
    return Response.json(await runAll(suiteEnv));
  },
};
