// The MCP conformance suite (0.1.16) reaches a server only through a Streamable HTTP URL:
// every server scenario builds the TypeScript SDK's StreamableHTTPClientTransport. This
// server speaks stdio. Loaded with `node --import`, this file makes the suite's import of
// that transport resolve to the SDK's own StdioClientTransport, started on
// $CLERKMINI_MCP_BIN --sandbox, so the suite's scenarios and checks run unchanged against
// the real binary. No HTTP server is involved: scenarios that test the HTTP transport
// itself are excluded in the Makefile (see README.md beside this file).
import { registerHooks } from 'node:module';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const SUITE = '/node_modules/@modelcontextprotocol/conformance/';
const HTTP_TRANSPORT = '@modelcontextprotocol/sdk/client/streamableHttp.js';

registerHooks({
  resolve(specifier, context, next) {
    if (specifier === HTTP_TRANSPORT && context.parentURL?.includes(SUITE)) {
      return { url: import.meta.url, shortCircuit: true };
    }
    return next(specifier, context);
  },
});

const bin = process.env.CLERKMINI_MCP_BIN;
if (!bin) {
  throw new Error('CLERKMINI_MCP_BIN must name the built bin/clerkmini-mcp');
}

/** Stands in for the HTTP transport: the suite's URL is ignored, each scenario gets a fresh server process. */
export class StreamableHTTPClientTransport extends StdioClientTransport {
  constructor() {
    super({ command: bin, args: ['--sandbox'], stderr: 'inherit' });
  }
}
