// The suite under Node's test runner, for the module CLERKMINI_WASM names.
import { after, before, test } from "node:test";
import { setup } from "./env.mjs";
import { cases } from "./suite.mjs";

let env;
before(async () => { env = await setup(); });
after(() => env?.stop());

for (const [name, fn] of cases) test(name, () => fn(env));
