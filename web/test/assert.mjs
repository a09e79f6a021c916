// The few assertions the suite needs, for every host it runs in (node:assert does not
// exist in browsers). Each throws an Error naming what differed.
export function ok(v, msg = "expected a truthy value") {
  if (!v) throw new Error(msg);
}

export function equal(actual, expected, msg) {
  if (!Object.is(actual, expected)) throw new Error(`${msg ? `${msg}: ` : ""}got ${show(actual)}, want ${show(expected)}`);
}

export function deepEqual(actual, expected, msg) {
  equal(show(actual), show(expected), msg);
}

export function match(s, re, msg) {
  if (typeof s !== "string" || !re.test(s)) throw new Error(`${msg ? `${msg}: ` : ""}${show(s)} does not match ${re}`);
}

export function fail(msg) {
  throw new Error(msg);
}

// JSON with undefined made visible and keys sorted, so that deepEqual compares shapes.
function show(v) {
  return JSON.stringify(v, (_, x) => {
    if (x === undefined) return "<undefined>";
    if (typeof x === "object" && x !== null && !Array.isArray(x)) {
      return Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]]));
    }
    return x;
  }) ?? String(v);
}
