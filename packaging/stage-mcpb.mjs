// Lays out the MCP Bundle's folder for `mcpb pack`: the manifest (with the release's
// version), the launcher, and each binary that `make dist` listed in SHA256SUMS, as
// server/<os>-<arch>/clerkmini-mcp[.exe], the paths manifest.json and the launcher use.
//
//   node stage-mcpb.mjs DIST_DIR OUT_DIR VERSION
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), 'mcpb');
const [dist, out, version] = process.argv.slice(2);
if (!dist || !out || !/^\d+\.\d+\.\d+/.test(version ?? '')) {
  console.error('usage: node stage-mcpb.mjs DIST_DIR OUT_DIR VERSION (a semantic version)');
  process.exit(2);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'server'), { recursive: true });

const manifest = JSON.parse(readFileSync(join(here, 'manifest.json'), 'utf8'));
manifest.version = version;
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
copyFileSync(join(here, 'clerkmini-mcp.sh'), join(out, 'server', 'clerkmini-mcp.sh'));
chmodSync(join(out, 'server', 'clerkmini-mcp.sh'), 0o755);

for (const line of readFileSync(join(dist, 'SHA256SUMS'), 'utf8').trim().split('\n')) {
  const file = line.split(/\s+\*?/)[1];
  const m = /^clerkmini-mcp-([a-z]+)-([a-z0-9]+)(\.exe)?$/.exec(file);
  if (!m) throw new Error(`SHA256SUMS names ${file}, not clerkmini-mcp-OS-ARCH[.exe]`);
  const dir = join(out, 'server', `${m[1]}-${m[2]}`);
  mkdirSync(dir);
  copyFileSync(join(dist, file), join(dir, 'clerkmini-mcp' + (m[3] ?? '')));
  chmodSync(join(dir, 'clerkmini-mcp' + (m[3] ?? '')), 0o755);
}
