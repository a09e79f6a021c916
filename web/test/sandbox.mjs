// Starts cmd/sandbox (bin/sandbox, built by make) on an ephemeral loopback port, for the
// suites in Node, Deno and Bun alike (node:child_process).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Sandbox } from "./control.mjs";

const defaultBinary = fileURLToPath(new URL("../../bin/sandbox", import.meta.url));

/** Starts a sandbox; resolves once it printed its address and key. stop() ends it. */
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
        const sb = new Sandbox(apiUrl, secretKey);
        sb.stop = () => {
          child.removeAllListeners("exit");
          const exited = new Promise((r) => child.once("exit", r));
          child.kill();
          return exited;
        };
        resolve(sb);
      }
    });
  });
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
