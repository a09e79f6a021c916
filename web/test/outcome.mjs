// What a Node test checks of the suite run in a host it drives (workerd.test.mjs,
// browser.test.mjs): no case failed, and every other case passed but those that skipped
// for the reasons expected of that host; each skip shows in Node's report with its reason.
import assert from "node:assert/strict";
import { cases } from "./suite.mjs";

export async function checkOutcome(t, { passed, skipped, failed }, expectedSkips) {
  for (const { name, reason } of skipped) await t.test(name, { skip: reason }, () => {});
  assert.deepEqual(failed, []);
  assert.deepEqual(skipped.map((s) => s.reason).sort(), [...expectedSkips].sort(), "the skipped cases' reasons");
  assert.equal(passed.length, cases.length - skipped.length);
}
