// A running sandbox (cmd/sandbox), driven over HTTP only, so that the suite can use it from
// any host: Node, Deno, Bun, a Worker, a page.
export class Sandbox {
  constructor(apiUrl, secretKey) {
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

  /** Queues a fault: {op, status, retry_after_seconds, body, content_type, latency_ms, drop, after_processing, times}. */
  inject(fault) { return this.control("POST", "faults", fault); }
  clearFaults() { return this.control("DELETE", "faults"); }
  /** A token's state as the sandbox holds it, or null if it has no such token. */
  async token(id) {
    const { status, body } = await this.control("GET", `tokens/${encodeURIComponent(id)}`);
    return status === 404 ? null : body;
  }
}
