// What the packaging tests share: where `make dist` put this machine's binary, and a key.
import { join } from 'node:path';

/** Well formed, so the server starts; never sent anywhere (no tool call reaches Clerk). */
export const SAFE_KEY = 'sk_test_' + 'packagingtest'.repeat(3);

/** The dist folder `make test-packaging` names in CLERKMINI_DIST. */
export function distDir() {
  const dist = process.env.CLERKMINI_DIST;
  if (!dist) throw new Error('CLERKMINI_DIST must name the folder `make dist` wrote (make test-packaging sets it)');
  return dist;
}

/** This machine's release binary, as `make dist` names it. */
export function distBinary() {
  const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch];
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  return join(distDir(), `clerkmini-mcp-${os}-${arch}${os === 'windows' ? '.exe' : ''}`);
}
