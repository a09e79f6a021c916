// The official MCP TypeScript SDK and the MCP Inspector's CLI drive bin/clerkmini-mcp, as
// hosts do. Run by `make test-mcp-js` (node --test), which builds the binaries and passes
// their paths. Every server is on 127.0.0.1; timeouts here are hang guards only.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { startSandbox } from '../../../sandbox/start.mjs';

const BIN = process.env.CLERKMINI_MCP_BIN;
const SANDBOX_BIN = process.env.CLERKMINI_SANDBOX_BIN;
assert.ok(BIN && SANDBOX_BIN, 'set CLERKMINI_MCP_BIN and CLERKMINI_SANDBOX_BIN (make test-mcp-js does)');
const GUARD = 60_000;

// The sandbox over real HTTP, as cmd/sandbox serves it.
const sandbox = await startSandbox({ bin: SANDBOX_BIN });
after(() => sandbox.stop());

// connect starts the server the way hosts do: the key passed explicitly in env, since the
// SDK hands the child only a few variables of its own.
// opts.elicit, when given, is the client's elicitation handler (the client then declares
// the capability).
async function connect(args = [], opts = {}) {
  const transport = new StdioClientTransport({
    command: BIN,
    args,
    env: { ...getDefaultEnvironment(), ...sandbox.env },
    stderr: 'pipe',
  });
  const stderr = { text: '', waiters: [] };
  transport.stderr.on('data', (chunk) => {
    stderr.text += chunk;
    stderr.waiters = stderr.waiters.filter((w) => !w());
  });
  const capabilities = opts.elicit ? { elicitation: { form: {} } } : {};
  const client = new Client({ name: 'sdk-test', version: '1.0.0' }, { capabilities });
  if (opts.elicit) client.setRequestHandler(ElicitRequestSchema, opts.elicit);
  await client.connect(transport);
  return { client, stderr };
}

// auditLine resolves with the first audit record matching pred (hang guard: GUARD).
function auditLine(stderr, pred) {
  const find = () =>
    stderr.text
      .split('\n')
      .filter((l) => l.includes('"audit":"clerkmini-mcp"'))
      .map((l) => JSON.parse(l))
      .find(pred);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no such audit line in: ${stderr.text}`)), GUARD);
    const check = () => {
      const rec = find();
      if (rec) {
        clearTimeout(timer);
        resolve(rec);
      }
      return !!rec;
    };
    if (!check()) stderr.waiters.push(check);
  });
}

test('listTools: both tools, hints and output schemas', async () => {
  const { client } = await connect();
  try {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), ['create_sign_in_token', 'revoke_sign_in_token']);
    const hints = ({ readOnlyHint, destructiveHint, idempotentHint, openWorldHint }) => ({ readOnlyHint, destructiveHint, idempotentHint, openWorldHint });
    assert.deepEqual(hints(tools[0].annotations), { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true });
    assert.deepEqual(hints(tools[1].annotations), { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true });
    for (const t of tools) {
      assert.equal(t.inputSchema.additionalProperties, false, t.name);
      assert.equal(t.outputSchema.type, 'object', t.name);
    }
    assert.equal(client.getServerVersion().name, 'clerkmini');
  } finally {
    await client.close();
  }
});

test('callTool: create, revoke, then isError results the model can read', async () => {
  const { client } = await connect();
  try {
    // The SDK validates structuredContent against the outputSchema: a mismatch throws here.
    const created = await client.callTool({ name: 'create_sign_in_token', arguments: { user_id: 'user_alice', expires_in_seconds: 600 } });
    assert.equal(created.isError ?? false, false);
    const tok = created.structuredContent;
    assert.equal(tok.status, 'pending');
    assert.equal(tok.user_id, 'user_alice');
    assert.match(tok.id, /^sit_/);
    assert.ok(tok.token && tok.url);
    assert.deepEqual(JSON.parse(created.content[0].text), tok);

    const revoked = await client.callTool({ name: 'revoke_sign_in_token', arguments: { sign_in_token_id: tok.id } });
    assert.equal(revoked.structuredContent.status, 'revoked');

    const again = await client.callTool({ name: 'revoke_sign_in_token', arguments: { sign_in_token_id: tok.id } });
    assert.equal(again.isError, true);
    assert.match(again.content[0].text, /HTTP 400[\s\S]*sign_in_token_cannot_be_revoked_code/);

    const invalid = await client.callTool({ name: 'create_sign_in_token', arguments: { user_id: 'user_alice', expires_in_seconds: 0 } });
    assert.equal(invalid.isError, true);
    assert.match(invalid.content[0].text, /expires_in_seconds must be a whole number of seconds, at least 1 \(got 0\)/);

    await assert.rejects(client.callTool({ name: 'no_such_tool', arguments: {} }), /not found/);
  } finally {
    await client.close();
  }
});

test('an aborted callTool cancels the server-side request', async () => {
  const { status } = await sandbox.inject({ op: 'create', latency_ms: 600_000 }); // Clerk would answer in ten minutes
  assert.equal(status, 204);
  const { client, stderr } = await connect();
  try {
    const controller = new AbortController();
    const call = client.callTool(
      { name: 'create_sign_in_token', arguments: { user_id: 'user_bob' } },
      undefined,
      { signal: controller.signal, timeout: GUARD },
    );
    setTimeout(() => controller.abort('the user pressed stop'), 200); // ordering only: any delay works
    await assert.rejects(call);
    // Without the cancellation the call would end after the client's 10 s timeout, as "timeout".
    const rec = await auditLine(stderr, (r) => r.tool === 'create_sign_in_token');
    assert.equal(rec.outcome, 'canceled');
    const next = await client.callTool({ name: 'create_sign_in_token', arguments: { user_id: 'user_bob' } });
    assert.equal(next.isError ?? false, false, 'the session goes on after a cancellation');
  } finally {
    await client.close();
  }
});

test('the MCP Inspector CLI lists the tools with --strict', async () => {
  const run = promisify(execFile);
  const inspector = new URL('./node_modules/.bin/mcp-inspector', import.meta.url).pathname;
  const { stdout } = await run(inspector, ['--cli', BIN, '--sandbox', '--method', 'tools/list', '--strict'], { timeout: GUARD });
  const names = JSON.parse(stdout).tools.map((t) => t.name);
  assert.deepEqual(names, ['create_sign_in_token', 'revoke_sign_in_token']);
  const call = await run(
    inspector,
    ['--cli', BIN, '--sandbox', '--method', 'tools/call', '--tool-name', 'create_sign_in_token', '--tool-arg', 'user_id=user_carol'],
    { timeout: GUARD },
  );
  assert.equal(JSON.parse(call.stdout).structuredContent.user_id, 'user_carol');
});

// refusedCreate asks for a token for user_bob and checks that the call is refused with a
// text matching text and that nothing reached Clerk; it returns the call's audit record.
async function refusedCreate(client, stderr, text) {
  const before = await sandbox.stats();
  const res = await client.callTool({ name: 'create_sign_in_token', arguments: { user_id: 'user_bob' } });
  assert.equal(res.isError, true);
  assert.match(res.content[0].text, text);
  assert.equal(res.structuredContent, undefined);
  assert.deepEqual(await sandbox.stats(), before);
  return auditLine(stderr, (r) => r.tool === 'create_sign_in_token');
}

// A person behind the client's elicitation handler: answers with action, and records
// the questions and whether the server withdrew them (notifications/cancelled).
function person(action) {
  const seen = { questions: [], withdrawn: 0 };
  seen.elicit = async (request, extra) => {
    seen.questions.push(request.params);
    extra.signal.addEventListener('abort', () => seen.withdrawn++);
    if (action === 'never') return new Promise(() => {}); // the person walked away
    return { action };
  };
  return seen;
}

test('elicitation: the person accepts, and only then is the token created', async () => {
  const who = person('accept');
  const { client, stderr } = await connect([], { elicit: who.elicit });
  try {
    const before = await sandbox.stats();
    const res = await client.callTool({ name: 'create_sign_in_token', arguments: { user_id: 'user_alice', org_id: 'org_acme', expires_in_seconds: 900 } });
    assert.equal(res.isError ?? false, false);
    assert.equal(res.structuredContent.user_id, 'user_alice');
    assert.equal(who.questions.length, 1);
    const q = who.questions[0];
    assert.match(q.message, /user user_alice in organization org_acme, valid for 15 minutes/);
    assert.match(q.message, /signed in as that user/);
    assert.deepEqual(q.requestedSchema, { type: 'object', properties: {} });
    assert.equal((await sandbox.stats()).tokens, before.tokens + 1);
    const rec = await auditLine(stderr, (r) => r.tool === 'create_sign_in_token');
    assert.equal(rec.decision, 'person_accepted');
    assert.equal(rec.outcome, 'ok');
    assert.ok(!stderr.text.includes(res.structuredContent.token), 'the token is never logged');
  } finally {
    await client.close();
  }
});

for (const [action, decision, text] of [
  ['decline', 'person_declined', /^The person declined a sign-in link for user user_bob\. Nothing was sent to Clerk\./],
  ['cancel', 'person_cancelled', /^The person cancelled the question about a sign-in link for user user_bob without agreeing\. Nothing was sent to Clerk\./],
]) {
  test(`elicitation: the person chooses ${action}, and nothing reaches Clerk`, async () => {
    const who = person(action);
    const { client, stderr } = await connect([], { elicit: who.elicit });
    try {
      const rec = await refusedCreate(client, stderr, text);
      assert.equal(rec.decision, decision);
      assert.equal(rec.outcome, 'not_confirmed');
    } finally {
      await client.close();
    }
  });
}

test('elicitation: a person who never answers gets the question withdrawn after the timeout', async () => {
  const who = person('never');
  const { client, stderr } = await connect(['--confirm-timeout-seconds', '1'], { elicit: who.elicit });
  try {
    const rec = await refusedCreate(client, stderr, /^No answer from the person within 1 second about a sign-in link for user user_bob\. Nothing was sent to Clerk\./);
    assert.equal(who.withdrawn, 1, "the server's notifications/cancelled aborts the SDK's handler");
    assert.equal(rec.decision, 'no_answer');
  } finally {
    await client.close();
  }
});

test('elicitation: a client without the capability is not asked (auto), or refused (required)', async () => {
  {
    const { client, stderr } = await connect();
    try {
      const res = await client.callTool({ name: 'create_sign_in_token', arguments: { user_id: 'user_bob' } });
      assert.equal(res.isError ?? false, false);
      assert.equal((await auditLine(stderr, (r) => r.tool === 'create_sign_in_token')).decision, 'not_asked_client_cannot_ask');
    } finally {
      await client.close();
    }
  }
  const { client, stderr } = await connect(['--confirm', 'required']);
  try {
    const rec = await refusedCreate(client, stderr, /requires a person to confirm a sign-in link for user user_bob, and this client cannot ask them/);
    assert.equal(rec.outcome, 'not_confirmed');
    assert.equal(rec.decision, 'not_asked_client_cannot_ask');
  } finally {
    await client.close();
  }
});
