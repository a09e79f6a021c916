// A minimal MCP client over stdio (newline-delimited JSON-RPC), the same bytes for every
// server measured, so no client library's own start-up or validation lands on one side.

export const INIT = {
  protocolVersion: "2025-06-18",
  capabilities: {},
  clientInfo: { name: "clerkmini-bench", version: "0" },
};

/** Wraps a spawned server; request() resolves with a response's result or error. */
export function rpc(child) {
  let buf = "", next = 1;
  const waiting = new Map();
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, i).trim();
      buf = buf.slice(i + 1);
      if (!line) continue;
      const msg = JSON.parse(line);
      const w = waiting.get(msg.id);
      if (w) { waiting.delete(msg.id); w(msg); }
    }
  });
  const closed = new Promise((_, fail) => child.on("exit", (c, s) => {
    if (waiting.size) fail(new Error(`server exited (${c ?? s}) with ${waiting.size} requests unanswered`));
  }));
  closed.catch(() => {});
  return {
    request(method, params) {
      const id = next++;
      const p = new Promise((ok) => waiting.set(id, ok));
      child.stdin.write(JSON.stringify({ jsonrpc: "2.0", id, method, params }) + "\n");
      return Promise.race([p, closed]);
    },
    notify(method, params) {
      child.stdin.write(JSON.stringify({ jsonrpc: "2.0", method, ...(params ? { params } : {}) }) + "\n");
    },
  };
}

/** initialize, then notifications/initialized, as every MCP client starts. */
export async function handshake(c) {
  const r = await c.request("initialize", INIT);
  if (r.error) throw new Error(`initialize: ${JSON.stringify(r.error)}`);
  c.notify("notifications/initialized");
  return r.result;
}
