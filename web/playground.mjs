// The playground page: load the module, create and revoke tokens, show what came back.
// Token and url are credentials: the page shows only their first characters.
// It is the one example of create → revoke → revoke again for JavaScript (test/browser.test.mjs
// clicks through it); examples/quickstart is the one for Go programs, examples/mcpdemo the
// one for MCP clients.
import { createClerkClient, isClerkAPIResponseError } from "./clerkmini.mjs";

const $ = (id) => document.getElementById(id);
let clerk = null;
// ?wasm=clerkmini.go.wasm loads the Go module instead of the TinyGo one.
const wasm = new URL(new URLSearchParams(location.search).get("wasm") ?? "clerkmini.wasm", import.meta.url);

$("apiUrl").value = location.protocol === "file:" ? "http://127.0.0.1:8787" : location.origin;

$("connect").addEventListener("submit", (ev) => run(ev, async () => {
  const t0 = performance.now();
  clerk = await createClerkClient({ secretKey: $("secretKey").value, apiUrl: $("apiUrl").value, wasm });
  $("ready").textContent = `Module ready in ${Math.round(performance.now() - t0)} ms (${wasm.pathname.replace(/^.*\//, "")}).`;
  $("ready").className = "status ok";
  $("createBtn").disabled = false;
  $("revokeBtn").disabled = false;
  return null;
}));

$("create").addEventListener("submit", (ev) => run(ev, async () => {
  const expires = $("expires").value.trim();
  const tok = await clerk.signInTokens.createSignInToken({
    userId: $("userId").value.trim(),
    expiresInSeconds: expires === "" ? undefined : Number(expires),
    orgId: $("orgId").value.trim() || undefined,
  });
  $("tokenId").value = tok.id;
  return ["Created", tok];
}));

$("revoke").addEventListener("submit", (ev) => run(ev, async () => {
  return ["Revoked", await clerk.signInTokens.revokeSignInToken($("tokenId").value.trim())];
}));

async function run(ev, action) {
  ev.preventDefault();
  try {
    const out = await action();
    if (out) show("ok", out[0], tokenRows(out[1]));
  } catch (err) {
    show("error", err.name, errorRows(err));
  }
}

function tokenRows(t) {
  return [["id", t.id], ["status", t.status], ["userId", t.userId], ["token", hidden(t.token)],
    ["url", t.url === null ? "null" : hidden(t.url)], ["createdAt", new Date(t.createdAt).toISOString()],
    ["updatedAt", new Date(t.updatedAt).toISOString()]];
}

function errorRows(err) {
  const rows = [["message", err.message]];
  if (isClerkAPIResponseError(err)) {
    rows.push(["status", String(err.status)]);
    for (const e of err.errors) rows.push(["code", e.code], ["longMessage", e.longMessage]);
    if (err.clerkTraceId) rows.push(["clerkTraceId", err.clerkTraceId]);
    if (err.retryAfter !== undefined) rows.push(["retryAfter", `${err.retryAfter} s`]);
  }
  return rows;
}

// A credential's first characters, enough to tell two apart, never the whole.
function hidden(s) {
  return s ? `${s.slice(0, 10)}… (${s.length} characters, hidden)` : "(none)";
}

function show(kind, title, rows) {
  const box = $("result");
  box.className = `result ${kind}`;
  box.replaceChildren();
  const h = document.createElement("strong");
  h.textContent = title;
  h.id = "resultTitle";
  const dl = document.createElement("dl");
  for (const [k, v] of rows) {
    const dt = document.createElement("dt");
    dt.textContent = k;
    const dd = document.createElement("dd");
    dd.textContent = v;
    dd.dataset.field = k;
    dl.append(dt, dd);
  }
  box.append(h, dl);
}
