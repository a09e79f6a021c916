// Checks that the TinyGo run of the core's tests ran every test the Go toolchain sees,
// but those not-run.txt names with why, so that a test lost to a build tag or to TinyGo
// shows: node tests-ran.mjs GO_LIST TEST_V_OUTPUT NOT_RUN
//   GO_LIST        what `go test -list . ./clerkmini` printed
//   TEST_V_OUTPUT  what the TinyGo test binary printed with -test.v
//   NOT_RUN        tools/tinygo/not-run.txt
// Fails, naming them, on a listed test that did not pass, and on a line of NOT_RUN that
// is no longer true (the test is gone, or now runs). Benchmarks are not counted: go test
// runs none without -bench either.
import { readFileSync } from "node:fs";
import process from "node:process";

const [listFile, outputFile, notRunFile] = process.argv.slice(2);
const lines = (f) => readFileSync(f, "utf8").split("\n").map((l) => l.trim());

const listed = lines(listFile).filter((l) => /^(Test|Example|Fuzz)\w*$/.test(l));
const output = lines(outputFile);
// Top-level tests only: a subtest's lines are indented, and its name has a slash.
const top = (prefix) => new Set(output.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length).trim().split(" ")[0])
  .filter((n) => !n.includes("/")));
const started = top("=== RUN ");
const passed = top("--- PASS: ");
const notRun = lines(notRunFile).filter((l) => l !== "" && !l.startsWith("#"));
const excused = (name) => notRun.some((n) => (n.endsWith("*") ? name.startsWith(n.slice(0, -1)) : name === n));

const problems = [];
for (const name of listed) {
  if (!passed.has(name) && !excused(name)) problems.push(`${name}: ${started.has(name) ? "ran but did not pass" : "did not run"}, and not-run.txt does not say why`);
}
for (const n of notRun) {
  const covers = listed.filter((name) => (n.endsWith("*") ? name.startsWith(n.slice(0, -1)) : name === n));
  if (covers.length === 0) problems.push(`not-run.txt names ${n}, which go test no longer lists`);
  for (const name of covers) if (started.has(name)) problems.push(`not-run.txt names ${name}, which TinyGo now runs`);
}

const ran = listed.filter((name) => passed.has(name)).length;
const notApplicable = listed.filter((name) => !passed.has(name) && excused(name)).length;
console.log(`TinyGo: ${ran} of the ${listed.length} tests, examples and fuzz targets Go lists passed; ${notApplicable} are not applicable (tools/tinygo/not-run.txt)`);
for (const p of problems) console.log(`  ${p}`);
process.exitCode = problems.length === 0 && passed.size > 0 ? 0 : 1;
