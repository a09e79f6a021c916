// The README's install snippets for VS Code, Cursor and Claude Desktop, read as each host
// reads them (its documented format), then the server started from what they configure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withServer } from './mcp-stdio.mjs';
import { INSTALL_PATH, readSnippets, snippet } from './snippets.mjs';
import { distBinary, SAFE_KEY } from './fixtures.mjs';

const snippets = readSnippets();
const NAME = 'clerk-sign-in-tokens';

/** Starts the server as a host would from a stdio entry and checks it serves both tools. */
async function serves(entry, env) {
  assert.equal(entry.command, INSTALL_PATH, 'the documented absolute path');
  await withServer({ command: distBinary(), args: entry.args, env }, async (s) => {
    const { tools } = await s.request('tools/list');
    assert.deepEqual(tools.map((t) => t.name).sort(), ['create_sign_in_token', 'revoke_sign_in_token']);
    assert.equal(await s.close(), 0);
  });
}

/** A stdio entry's shape as the hosts document it: command, string args, string env. */
function assertStdioEntry(entry) {
  assert.equal(typeof entry.command, 'string');
  assert.ok(Array.isArray(entry.args) && entry.args.every((a) => typeof a === 'string'), 'args: strings');
  assert.ok(Object.values(entry.env).every((v) => typeof v === 'string'), 'env: strings');
  assert.ok(!JSON.stringify(entry).match(/sk_(test|live)_[A-Za-z0-9]/), 'no real-looking key in a snippet');
}

test('VS Code: the shell passes `code --add-mcp` one JSON that VS Code accepts, with the key behind a password input', async () => {
  // A stand-in `code` records the arguments exactly as the shell hands them over.
  const bin = mkdtempSync(join(tmpdir(), 'clerkmini-code-'));
  try {
    writeFileSync(join(bin, 'code'), `#!/usr/bin/env node\nrequire('fs').writeFileSync(${JSON.stringify(join(bin, 'argv.json'))}, JSON.stringify(process.argv.slice(2)))\n`);
    chmodSync(join(bin, 'code'), 0o755);
    execFileSync('/bin/sh', ['-c', snippet(snippets, 'vscode')], { env: { PATH: `${bin}:${process.env.PATH}` }, timeout: 10_000 });
    const argv = JSON.parse(readFileSync(join(bin, 'argv.json'), 'utf8'));
    assert.equal(argv.length, 2);
    assert.equal(argv[0], '--add-mcp');
    // What VS Code's `--add-mcp` requires (McpManagementCli.validateConfiguration): JSON with
    // a name and a command or url; `inputs` is split off, the rest is the server entry.
    const { name, inputs, ...server } = JSON.parse(argv[1]);
    assert.equal(name, NAME);
    assert.equal(server.type, 'stdio');
    assertStdioEntry(server);
    const key = /^\$\{input:([\w-]+)\}$/.exec(server.env.CLERK_SECRET_KEY);
    assert.ok(key, 'the key comes from an input variable');
    const input = inputs.find((i) => i.id === key[1]);
    assert.deepEqual([input?.type, input?.password], ['promptString', true], 'a password prompt defines the input');
    await serves(server, { CLERK_SECRET_KEY: SAFE_KEY });
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});

test('VS Code workspace mcp.json: servers and a password input, as in the command', async () => {
  const cfg = JSON.parse(snippet(snippets, 'vscode-json'));
  const { name, inputs, ...fromCommand } = JSON.parse(/--add-mcp '(.*)'$/.exec(snippet(snippets, 'vscode'))[1]);
  assert.deepEqual(cfg.servers[name], fromCommand);
  assert.deepEqual(cfg.inputs, inputs);
});

test('Cursor: the install link decodes to the mcp.json entry, and that entry starts the server', async () => {
  const file = JSON.parse(snippet(snippets, 'cursor-json'));
  assert.deepEqual(Object.keys(file.mcpServers), [NAME]);
  const entry = file.mcpServers[NAME];
  assertStdioEntry(entry);

  const link = new URL(snippet(snippets, 'cursor-link'));
  assert.equal(link.protocol, 'cursor:');
  assert.equal(link.host, 'anysphere.cursor-deeplink');
  assert.equal(link.pathname, '/mcp/install');
  assert.deepEqual([...link.searchParams.keys()], ['name', 'config']);
  assert.equal(link.searchParams.get('name'), NAME);
  const raw = link.search.match(/[?&]config=([^&]*)/)[1];
  assert.match(raw, /^[A-Za-z0-9+/]*={0,2}$/, 'plain base64');
  assert.ok(!raw.includes('+'), 'a + would reach Cursor as a space');
  assert.deepEqual(JSON.parse(Buffer.from(raw, 'base64').toString('utf8')), entry);

  // Cursor fills ${env:NAME} from its own environment.
  const m = /^\$\{env:(\w+)\}$/.exec(entry.env.CLERK_SECRET_KEY);
  assert.ok(m, 'the key comes from the environment, not the file');
  await serves(entry, { CLERK_SECRET_KEY: SAFE_KEY });
});

test('Claude Desktop without the bundle: claude_desktop_config.json', async () => {
  const file = JSON.parse(snippet(snippets, 'claude-desktop-json'));
  const entry = file.mcpServers[NAME];
  assertStdioEntry(entry);
  assert.equal(entry.env.CLERK_SECRET_KEY, 'sk_test_…', 'a placeholder the user replaces');
  await serves(entry, { CLERK_SECRET_KEY: SAFE_KEY });
});
