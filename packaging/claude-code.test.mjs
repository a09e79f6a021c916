// A real host: Claude Code's CLI (pinned in package-lock.json) runs the README's command as
// written, then `claude mcp list` starts the server and reports on it. Each run has its own
// HOME, no account, and no way out: a network namespace of its own where the system allows
// one (root, as in CI), and in any case a proxy on a closed port, telemetry and updates off,
// and a timeout on every command.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unpackExtension } from '@anthropic-ai/mcpb';
import { INSTALL_PATH, readSnippets, snippet } from './snippets.mjs';
import { distBinary, distDir, SAFE_KEY } from './fixtures.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const claudeBin = join(here, 'node_modules', '.bin');
const command = snippet(readSnippets(), 'claude-code');
const TIMEOUT_MS = 60_000;

// Without network: a namespace of its own when unshare may make one.
const isolate = spawnSync('unshare', ['-n', 'true']).status === 0 ? ['unshare', '-n'] : [];

let bundle; // the unpacked dist/clerkmini.mcpb
before(async () => {
  bundle = mkdtempSync(join(tmpdir(), 'clerkmini-claude-mcpb-'));
  assert.ok(await unpackExtension({ mcpbPath: join(distDir(), 'clerkmini.mcpb'), outputDir: bundle, silent: true }));
});
after(() => bundle && rmSync(bundle, { recursive: true, force: true }));

/** Runs the README's command with `binary` in place of the install path, then `claude mcp list`. */
function addAndList(binary, key) {
  const home = mkdtempSync(join(tmpdir(), 'clerkmini-claude-home-'));
  const env = {
    HOME: home,
    PATH: `${claudeBin}:${process.env.PATH}`,
    CLERK_SECRET_KEY: key,
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
  };
  const run = (argv) => {
    const [cmd, ...args] = [...isolate, ...argv];
    return execFileSync(cmd, args, { cwd: home, env, timeout: TIMEOUT_MS, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  try {
    const line = command.replaceAll(INSTALL_PATH, binary);
    assert.notEqual(line, command, 'the command names the install path');
    run(['/bin/sh', '-c', line]);
    const written = JSON.parse(readFileSync(join(home, '.claude.json'), 'utf8')).mcpServers['clerk-sign-in-tokens'];
    const list = run(['claude', 'mcp', 'list']);
    const logs = readLogs(join(home, '.cache'));
    return { written, list, logs };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function readLogs(dir) {
  let text = '';
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) text += readFileSync(join(e.parentPath ?? e.path, e.name), 'utf8');
  }
  return text;
}

test("the README's Claude Code command with the release binary: ✔ Connected", () => {
  const bin = distBinary();
  const { written, list } = addAndList(bin, SAFE_KEY);
  assert.deepEqual(written, {
    type: 'stdio', command: bin, args: ['--max-expires-in-seconds', '3600'], env: { CLERK_SECRET_KEY: SAFE_KEY },
  });
  assert.ok(list.includes(`clerk-sign-in-tokens: ${bin} --max-expires-in-seconds 3600 - ✔ Connected`), list);
  assert.ok(!list.includes(SAFE_KEY), 'claude mcp list does not show the key');
});

test("the same command with the bundle's binary: ✔ Connected, and ✘ Failed to connect for a bad key", () => {
  const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch];
  const bin = join(bundle, 'server', `${process.platform}-${arch}`, 'clerkmini-mcp');
  assert.match(addAndList(bin, SAFE_KEY).list, /clerk-sign-in-tokens: .* - ✔ Connected/);

  const badKey = 'pk_test_' + 'notasecretkey'.repeat(2);
  const { list, logs } = addAndList(bin, badKey);
  assert.match(list, /clerk-sign-in-tokens: .* - ✘ Failed to connect/);
  // Claude Code logs the server's refusal, which names the variable and never the value.
  assert.match(logs, /CLERK_SECRET_KEY is a publishable key/);
  assert.ok(!logs.includes(badKey) && !list.includes(badKey));
});
