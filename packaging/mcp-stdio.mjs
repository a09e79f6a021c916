// A minimal MCP client over stdio for the packaging tests: it starts a server exactly as a
// host's configuration says (command, args, env) and speaks newline-delimited JSON-RPC.
// Every wait is bounded, and so is what it keeps of the server's output.
import { spawn } from 'node:child_process';

const WAIT_MS = 15_000;
const MAX_KEPT = 1 << 20; // bytes of stdout or stderr kept: a runaway server cannot fill memory

/** The environment a host gives a server: a few of its own variables plus the configured env. */
export function hostEnv(env = {}) {
  const base = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'SYSTEMROOT']) if (process.env[k] !== undefined) base[k] = process.env[k];
  return { ...base, ...env };
}

/** Runs a server to its exit with nothing on stdin; resolves { code, stdout, stderr }. */
export function runToExit({ command, args = [], env = {} }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: hostEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (d) => { if (out.stdout.length < MAX_KEPT) out.stdout += d; });
    child.stderr.on('data', (d) => { if (out.stderr.length < MAX_KEPT) out.stderr += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${command} did not exit within ${WAIT_MS} ms`)); }, WAIT_MS);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, ...out }); });
    child.stdin.end();
  });
}

/** Starts a server and returns a session: request(method, params), notify, close(). */
export function startServer({ command, args = [], env = {} }) {
  const child = spawn(command, args, { env: hostEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  const pending = new Map();
  let nextId = 1;
  let buf = '';
  let stderr = '';
  const exited = new Promise((resolve) => child.on('close', (code) => {
    for (const { reject } of pending.values()) reject(new Error(`server exited (${code}) before answering; stderr: ${stderr}`));
    resolve(code);
  }));
  child.on('error', (err) => { for (const { reject } of pending.values()) reject(err); });
  child.stderr.on('data', (d) => { if (stderr.length < MAX_KEPT) stderr += d; });
  child.stdout.on('data', (d) => {
    buf += d;
    if (buf.length > MAX_KEPT) { child.kill('SIGKILL'); return; }
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const msg = JSON.parse(line); // stdout must carry JSON-RPC only: anything else fails the test
      const p = pending.get(msg.id);
      if (!p) continue;
      pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method}: JSON-RPC error ${JSON.stringify(msg.error)}`));
      else p.resolve(msg.result);
    }
  });
  const send = (msg) => child.stdin.write(JSON.stringify({ jsonrpc: '2.0', ...msg }) + '\n');
  return {
    get stderr() { return stderr; },
    request(method, params = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { pending.delete(id); reject(new Error(`${method}: no answer within ${WAIT_MS} ms`)); }, WAIT_MS);
        pending.set(id, {
          method,
          resolve: (v) => { clearTimeout(timer); resolve(v); },
          reject: (e) => { clearTimeout(timer); reject(e); },
        });
        send({ id, method, params });
      });
    },
    notify(method, params = {}) { send({ method, params }); },
    /** Ends the server at once (after a failed assertion, so that no process outlives its test). */
    kill() { if (child.exitCode === null) child.kill('SIGKILL'); },
    /** Closes stdin and resolves with the exit code (the server must end on EOF). */
    async close() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), WAIT_MS);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Starts a server, initializes it, runs fn(session, initializeResult), and ends the server whatever happens. */
export async function withServer(config, fn) {
  const session = startServer(config);
  try {
    return await fn(session, await initialize(session));
  } finally {
    session.kill();
  }
}

/** initialize + notifications/initialized, as every host does first. */
export async function initialize(session) {
  const result = await session.request('initialize', {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'clerkmini-packaging-test', version: '0' },
  });
  session.notify('notifications/initialized');
  return result;
}
