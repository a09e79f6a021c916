// The suite under Node's test runner, for the module CLERKMINI_WASM names.
import { after, before, test } from "node:test";
import { setup } from "./env.mjs";
import { cases, runCase } from "./suite.mjs";

let env;
before(async () => { env = await setup(); });
after(() => env?.stop());

// Every case must run in Node (env.runsEvery): runCase fails one that skips.
for (const [name, fn] of cases) test(name, () => runCase(env, fn));
