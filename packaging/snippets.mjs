// The install snippets of the READMEs, each between <!-- install:NAME --> and
// <!-- /install:NAME --> around one fenced code block: the tests run what users copy.
import { readFileSync } from 'node:fs';

/** The path every snippet names for the binary, replaced by a real one in the tests. */
export const INSTALL_PATH = '/usr/local/bin/clerkmini-mcp';

/** Reads the snippets of the files named by CLERKMINI_README (comma-separated) into name → text. */
export function readSnippets(files = (process.env.CLERKMINI_README ?? '').split(',').filter(Boolean)) {
  if (files.length === 0) throw new Error('CLERKMINI_README must name the README files (make test-packaging sets it)');
  const snippets = new Map();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/<!-- install:([\w-]+) -->\n```\w*\n([\s\S]*?)\n```\n<!-- \/install:\1 -->/g)) {
      const [, name, body] = m;
      if (snippets.has(name) && snippets.get(name) !== body) {
        throw new Error(`install:${name} differs between the READMEs (${file}): keep one text`);
      }
      snippets.set(name, body);
    }
    const opened = (text.match(/<!-- install:[\w-]+ -->/g) ?? []).length;
    const parsed = [...text.matchAll(/<!-- install:([\w-]+) -->\n```\w*\n[\s\S]*?\n```\n<!-- \/install:\1 -->/g)].length;
    if (opened !== parsed) throw new Error(`${file}: an install: marker is not around exactly one fenced block`);
  }
  return snippets;
}

/** The snippet named, which must exist. */
export function snippet(snippets, name) {
  const s = snippets.get(name);
  if (s === undefined) throw new Error(`no install:${name} snippet in the READMEs`);
  return s;
}
