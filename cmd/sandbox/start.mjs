// The sandbox (this command) from JavaScript: the one place that starts it and reads what
// it prints, and the one client of its /__sandbox/ control endpoints. Every JavaScript test
// and benchmark uses it; it depends on nothing.
//
// Importing it needs no Node API, so that a page (web/test/page.mjs) and a Worker
// (web/test/workerd/worker.mjs) can drive a sandbox that the Node side started:
// `new Sandbox(apiUrl, secretKey)`. startSandbox itself needs node:child_process (Node,
// Deno, Bun).
//
//	import { startSandbox } from "../../cmd/sandbox/start.mjs";
//	const sandbox = await startSandbox({ key: "sk_test_…" });
//	spawn(cmd, args, { env: { ...process.env, ...sandbox.env } }); // CLERK_API_URL, CLERK_SECRET_KEY
//	await sandbox.inject({ op: "create", status: 429, retry_after_seconds: 1 });
//	await sandbox.stop();

/** What the sandbox prints before it serves is a few hundred bytes; more is not a sandbox. */
export const MAX_BANNER_BYTES = 64 << 10;

/** A running sandbox, driven over HTTP only (fetch), from any host. */
export class Sandbox {
  /** apiUrl and secretKey as the sandbox printed them; users, the ids it knows. */
  constructor(apiUrl, secretKey, users = []) {
    this.apiUrl = apiUrl;
    this.secretKey = secretKey;
    this.users = users;
  }

  /** The variables a client reads, for a child process's environment. */
  get env() {
    return { CLERK_API_URL: this.apiUrl, CLERK_SECRET_KEY: this.secretKey };
  }

  /**
   * Calls one of the sandbox's /__sandbox/ endpoints (clerkmini/clerktest/handler.go lists
   * them); resolves to {status, body}. Any status from 300 up throws, except GET's 404.
   */
  async control(method, path, body) {
    const res = await fetch(`${this.apiUrl}/__sandbox/${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.secretKey}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300 && !(method === "GET" && res.status === 404)) {
      throw new Error(`sandbox ${method} ${path}: ${res.status} ${text}`);
    }
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** Queues a fault: {op, status, retry_after_seconds, body, content_type, latency_ms, drop, after_processing, times}. */
  inject(fault) { return this.control("POST", "faults", fault); }
  clearFaults() { return this.control("DELETE", "faults"); }
  /** A token's state as the sandbox holds it, or null if it has no such token. */
  async token(id) {
    const { status, body } = await this.control("GET", `tokens/${encodeURIComponent(id)}`);
    return status === 404 ? null : body;
  }
  /** What reached the sandbox so far: {requests, tokens} (API requests served, tokens held: pending and recently finished). */
  async stats() { return (await this.control("GET", "stats")).body; }
}

/**
 * Starts the sandbox on an ephemeral loopback port and resolves, once it has printed its
 * address, key and users, to a Sandbox with stop() (resolves when the process has exited).
 * bin: the executable (default: bin/sandbox in this repository, `make bin/sandbox`);
 * key: the sk_test_ key it takes (default: a random one); web: a directory it serves
 * beside the API; args: more flags; env: its environment (default: this process's).
 * A sandbox left running when this process exits is ended with it.
 */
export async function startSandbox({ bin, key, web, args = [], env } = {}) {
  const [{ spawn }, { fileURLToPath }, { default: process }] =
    await Promise.all([import("node:child_process"), import("node:url"), import("node:process")]);
  bin ??= fileURLToPath(new URL("../../bin/sandbox", import.meta.url));
  const argv = ["-addr", "127.0.0.1:0", ...(key ? ["-key", key] : []), ...(web ? ["-web", web] : []), ...args];
  const child = spawn(bin, argv, { stdio: ["ignore", "pipe", "inherit"], env });
  const kill = () => child.kill();
  process.on("exit", kill);
  const fail = (message) => {
    process.off("exit", kill);
    child.removeAllListeners("exit");
    child.stdout.removeAllListeners("data");
    kill();
    return new Error(`sandbox (${bin}): ${message}`);
  };
  const banner = await new Promise((resolve, reject) => {
    let out = "";
    child.on("error", (e) => reject(fail(e.code === "ENOENT" ? "not found; build it with `make bin/sandbox`" : e.message)));
    child.on("exit", (code, signal) => reject(fail(`exited (${signal ?? code}) before it was ready`)));
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.length > MAX_BANNER_BYTES) reject(fail(`printed over ${MAX_BANNER_BYTES} bytes without its address, key and users`));
      else if (/^# users:.*\n/m.test(out)) resolve(out); // the last of the lines read here
    });
  });
  child.removeAllListeners("exit");
  child.stdout.removeAllListeners("data");
  child.stdout.resume(); // whatever follows is drained, so that the sandbox never blocks on it
  const line = (re) => re.exec(banner)?.[1];
  const apiUrl = line(/^CLERK_API_URL=(.*)$/m);
  const secretKey = line(/^CLERK_SECRET_KEY=(.*)$/m);
  if (!apiUrl || !secretKey) throw fail("printed no CLERK_API_URL= and CLERK_SECRET_KEY= lines");
  const sandbox = new Sandbox(apiUrl, secretKey, line(/^# users:(.*)$/m).split(" ").filter(Boolean));
  const exited = new Promise((r) => child.once("exit", r));
  sandbox.stop = () => {
    process.off("exit", kill);
    kill();
    return exited;
  };
  return sandbox;
}
