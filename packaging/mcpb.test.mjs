// dist/clerkmini.mcpb as Claude Desktop sees it: unpacked with the mcpb package's own
// unpacker, its manifest turned into a command by the mcpb package's own
// getMcpConfigForManifest (the code Claude Desktop uses), and the server started exactly so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getMcpConfigForManifest, unpackExtension } from '@anthropic-ai/mcpb';
import { runToExit, withServer } from './mcp-stdio.mjs';
import { distDir, SAFE_KEY } from './fixtures.mjs';

let dist;
let dir; // the unpacked bundle
let manifest;

before(async () => {
  dist = distDir();
  dir = mkdtempSync(join(tmpdir(), 'clerkmini-mcpb-'));
  assert.ok(await unpackExtension({ mcpbPath: join(dist, 'clerkmini.mcpb'), outputDir: dir, silent: true }), 'mcpb unpack failed');
  manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
});
after(() => dir && rmSync(dir, { recursive: true, force: true }));

/** The server's command for this platform with the given user settings, as the host builds it. */
async function commandFor(userConfig) {
  const cfg = await getMcpConfigForManifest({
    manifest, extensionPath: dir, systemDirs: { HOME: tmpdir() }, userConfig, pathSeparator: '/',
  });
  assert.ok(cfg, 'the host would not start the server: a required setting is missing');
  return cfg;
}

test('the bundle carries every dist binary byte for byte, executable, under the paths the manifest starts', () => {
  const sums = readFileSync(join(dist, 'SHA256SUMS'), 'utf8').trim().split('\n');
  assert.equal(sums.length, 5, 'macOS arm64/amd64, Linux amd64/arm64, Windows amd64');
  for (const line of sums) {
    const [sum, file] = line.split(/\s+/);
    const [, os, arch, exe = ''] = /^clerkmini-mcp-(\w+)-(\w+)(\.exe)?$/.exec(file);
    const inBundle = join(dir, 'server', `${os}-${arch}`, 'clerkmini-mcp' + exe);
    assert.equal(createHash('sha256').update(readFileSync(inBundle)).digest('hex'), sum, inBundle);
    assert.ok(statSync(inBundle).mode & 0o100, `${inBundle} is not executable after unpacking`);
  }
  const win = manifest.server.mcp_config.platform_overrides.win32.command.replace('${__dirname}', dir);
  assert.ok(statSync(win).isFile(), `the win32 command ${win} is in the bundle`);
});

test('the manifest names the version and the tools the server reports', async () => {
  await withServer(await commandFor({ sandbox: true }), async (s, init) => {
    assert.equal(init.serverInfo.version, manifest.version);
    const { tools } = await s.request('tools/list');
    assert.deepEqual(tools.map((t) => t.name).sort(), manifest.tools.map((t) => t.name).sort());
    assert.equal(await s.close(), 0);
  });
});

test('started as the manifest says with the sandbox on: create, then revoke', async () => {
  await withServer(await commandFor({ sandbox: true }), async (s) => {
    const created = await s.request('tools/call', { name: 'create_sign_in_token', arguments: { user_id: 'user_alice' } });
    assert.equal(created.isError, undefined, JSON.stringify(created));
    assert.equal(created.structuredContent.status, 'pending');
    assert.equal(created.structuredContent.user_id, 'user_alice');
    const revoked = await s.request('tools/call', {
      name: 'revoke_sign_in_token', arguments: { sign_in_token_id: created.structuredContent.id },
    });
    assert.equal(revoked.structuredContent.status, 'revoked');
    assert.equal(await s.close(), 0);
    assert.match(s.stderr, /SANDBOX/);
  });
});

test("the user's policy settings reach the server: the lifetime ceiling and the tool list", async () => {
  const settings = { sandbox: true, tools: 'create_sign_in_token', max_expires_in_seconds: 120, default_expires_in_seconds: 60 };
  await withServer(await commandFor(settings), async (s) => {
    const { tools } = await s.request('tools/list');
    assert.deepEqual(tools.map((t) => t.name), ['create_sign_in_token']);
    const tooLong = await s.request('tools/call', { name: 'create_sign_in_token', arguments: { user_id: 'user_bob', expires_in_seconds: 121 } });
    assert.equal(tooLong.isError, true);
    assert.match(tooLong.content[0].text, /120/);
    const ok = await s.request('tools/call', { name: 'create_sign_in_token', arguments: { user_id: 'user_bob' } });
    assert.equal(ok.structuredContent.status, 'pending');
    assert.equal(await s.close(), 0);
    assert.match(s.stderr, /"expires_in_seconds":60\b/, 'the audit line shows the default lifetime chosen by the user');
  });
});

test('a malformed key: the server refuses at start, naming the variable and never the value', async () => {
  const bad = 'not-a-clerk-key-' + 'x'.repeat(20);
  const { code, stdout, stderr } = await runToExit(await commandFor({ secret_key: bad }));
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /CLERK_SECRET_KEY does not start with "sk_"/);
  assert.ok(!stderr.includes(bad), 'the key must never be echoed');
});

test('no key and no sandbox (the settings as installed): a clear refusal', async () => {
  const { code, stderr } = await runToExit(await commandFor({}));
  assert.equal(code, 2);
  assert.match(stderr, /CLERK_SECRET_KEY is empty/);
});

// A value of the wrong kind for each setting; a new user_config field needs one here, so
// the manifest cannot gain a field this test does not check.
const BAD_VALUE = {
  secret_key: 'pk_test_publishable',
  sandbox: 'maybe',
  tools: 'delete_everything',
  max_expires_in_seconds: 0,
  default_expires_in_seconds: -5,
  audit_log: '/nonexistent-dir/for/clerkmini/audit.log',
  confirm: 'sometimes',
  confirm_revoke: 'maybe',
  confirm_timeout_seconds: 0,
};

// The server's flags that the bundle deliberately does not offer as settings.
const NOT_OFFERED = {
  version: 'prints the version and exits: not a setting',
  'log-level': "the app keeps the server's stderr as its log; info, the default, is what it needs",
};

/** The server's settings from its --help: each flag, and the variable it also reads. */
function settingsFromHelp(help) {
  const names = new Map([['CLERK_SECRET_KEY', 'CLERK_SECRET_KEY']]); // read from the environment only
  for (const m of help.matchAll(/^ {2}-([\w-]+)[^\n]*\n((?: {4}.*\n?)*)/gm)) {
    names.set(m[1], m[1]);
    const env = /\[\$([A-Z_]+)\]/.exec(m[2])?.[1];
    if (env) names.set(env, m[1]);
  }
  return names; // flag or variable → its flag
}

test('each user setting feeds a flag or variable the server reads (manifest and config.go cannot drift)', async () => {
  const binary = join(dir, 'server', `${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`, 'clerkmini-mcp');
  const read = settingsFromHelp((await runToExit({ command: binary, args: ['--help'] })).stderr);
  assert.ok(read.has('tools') && read.has('CLERKMINI_MCP_TOOLS'), 'the --help parser found the settings');
  const cfgs = [manifest.server.mcp_config, ...Object.values(manifest.server.mcp_config.platform_overrides)];
  const offered = new Set();
  for (const [key, field] of Object.entries(manifest.user_config)) {
    const ref = '${user_config.' + key + '}';
    const targets = new Set();
    for (const c of cfgs) {
      for (const [name, v] of Object.entries(c.env ?? manifest.server.mcp_config.env)) if (v.includes(ref)) targets.add(name);
      for (const a of c.args ?? []) if (a.includes(ref)) targets.add(/^--?([\w-]+)=/.exec(a)?.[1] ?? a);
    }
    assert.ok(targets.size > 0, `user_config.${key} is used nowhere in mcp_config`);
    for (const t of targets) assert.ok(read.has(t), `user_config.${key} feeds ${t}, which the server does not read`);
    // And the server really reads it: a bad value stops it, naming that setting.
    assert.ok(key in BAD_VALUE, `no bad value known for user_config.${key}: add one to BAD_VALUE`);
    const { code, stderr } = await runToExit(await commandFor({ secret_key: SAFE_KEY, [key]: BAD_VALUE[key] }));
    assert.equal(code, 2, `a bad ${key} (${field.title}) must stop the server`);
    const named = [...targets].flatMap((t) => [t, read.get(t)]);
    assert.ok(named.some((n) => stderr.includes(n)), `the refusal of a bad ${key} names one of ${named}: ${stderr}`);
    for (const t of targets) offered.add(read.get(t));
  }
  // The other way round: every setting the server reads is offered, or said here why not.
  for (const flag of new Set(read.values())) {
    if (offered.has(flag) || flag in NOT_OFFERED) continue;
    assert.fail(`the server reads --${flag}, which the bundle does not offer: add a user_config field to packaging/mcpb/manifest.json (or say in NOT_OFFERED why not)`);
  }
});
