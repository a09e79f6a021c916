// Loopback ports for the Node-side runners.

/** A loopback URL where nothing listens: a port that was free a moment ago. */
export async function closedPortURL() {
  const { createServer } = await import("node:net");
  const srv = createServer();
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return `http://127.0.0.1:${port}`;
}
