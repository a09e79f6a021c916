// Starts cmd/sandbox (built by `make wasm-test-deps` into bin/sandbox) on an ephemeral
// loopback port, for the suites in Node, Deno and Bun alike (node:child_process).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const defaultBinary = fileURLToPath(new URL("../../bin/sandbox", import.meta.url));

/** Starts a sandbox; resolves once it printed its address and key. */
export function startSandbox({ key, web } = {}) {
  const args = ["-addr", "127.0.0.1:0"];
  if (key) args.push("-key", key);
  if (web) args.push("-web", web);
  const child = spawn(process.env.CLERKMINI_SANDBOX ?? defaultBinary, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`sandbox exited with ${code} before it was ready`)));
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const apiUrl = /^CLERK_API_URL=(.*)$/m.exec(out)?.[1];
      const secretKey = /^CLERK_SECRET_KEY=(.*)$/m.exec(out)?.[1];
      if (apiUrl && secretKey && out.includes("# users:")) {
        child.stdout.removeAllListeners("data");
        child.stdout.resume();
        resolve(new Sandbox(child, apiUrl, secretKey));
      }
    });
  });
}

class Sandbox {
  constructor(child, apiUrl, secretKey) {
    this.child = child;
    this.apiUrl = apiUrl;
    this.secretKey = secretKey;
  }

  // control calls one of the sandbox's /__sandbox/ endpoints (see clerktest/handler.go).
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

  /** Queues a fault: {op, status, retry_after_seconds, body, content_type, drop, after_processing, times}. */
  inject(fault) { return this.control("POST", "faults", fault); }
  clearFaults() { return this.control("DELETE", "faults"); }
  /** A token's state as the sandbox holds it, or null if it has no such token. */
  async token(id) {
    const { status, body } = await this.control("GET", `tokens/${encodeURIComponent(id)}`);
    return status === 404 ? null : body;
  }

  stop() {
    this.child.removeAllListeners("exit");
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.kill();
    return exited;
  }
}

/** A loopback URL where nothing listens: a port that was free a moment ago. */
export async function closedPortURL() {
  const { createServer } = await import("node:net");
  const srv = createServer();
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return `http://127.0.0.1:${port}`;
}
