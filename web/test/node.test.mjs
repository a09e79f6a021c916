// The suite under Node's test runner: `node --test web/test/`.
import { after, before, test } from "node:test";
import { cases, setup } from "./suite.mjs";

let env;
before(async () => { env = await setup(); });
after(() => env?.stop());

for (const [name, fn] of cases) test(name, () => fn(env));
