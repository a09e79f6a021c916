package main

import (
	"strconv"

	"github.com/clerkmini/clerkmini/internal/cut"
)

// The server's bounds, in one place: the README's security section quotes them, and the
// tests derive their inputs from them.
const (
	// maxLineBytes bounds one line of stdin; a longer one is answered with a parse error
	// and skipped. The tools' arguments are a few hundred bytes.
	maxLineBytes = 1 << 20
	// maxInFlight is how many requests are handled at once (one worker each).
	maxInFlight = 1024
	// maxHeld bounds the requests read and not yet answered, running or waiting for a
	// worker; maxHeldBytes bounds their lines' bytes (mcp-go's decoding of a line costs
	// about 2.4 times its size while it runs). A request beyond either is answered at
	// once with errServerBusy: reading never stops, so notifications/cancelled is always
	// read promptly.
	maxHeld      = 8192
	maxHeldBytes = 16 << 20
	// maxResultBytes bounds the text of a tool's error result, what the model reads;
	// what is cut is named ("… 59,990 more errors not shown").
	maxResultBytes = 4 << 10
	// maxTokenBytes bounds a successful result's token object (as JSON); a real one,
	// token and url included, is about 2 KB.
	maxTokenBytes = 8 << 10
	// maxFieldBytes bounds each field quoted from Clerk's answer (a message, meta, a
	// trace id) inside that result, so that one long field does not crowd out the rest.
	maxFieldBytes = 512
	// maxRPCErrorBytes bounds the message of a JSON-RPC error (mcp-go quotes an unknown
	// tool's name, which the client chose).
	maxRPCErrorBytes = 1 << 10
	// maxOpenQuestions bounds the questions put to clients of protocol 2026-07-28 and
	// later that have not come back with an answer yet (questions.go).
	maxOpenQuestions = 1024
	// maxLogQueueBytes bounds the log and audit lines waiting for a slow stderr (or audit
	// file); a line beyond it is dropped and counted, never waited for.
	maxLogQueueBytes = 1 << 20
)

// errServerBusy is the JSON-RPC error code of a request refused because maxHeld or
// maxHeldBytes is reached (the range -32000 to -32099 is the server's own).
const errServerBusy = -32000

// clip returns s cut to at most n bytes (at a character boundary), saying how much was
// cut; s itself when it fits.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	const noteRoom = 40 // "… (1,234,567,890 more bytes not shown)"
	kept := cut.Prefix(s, n-noteRoom)
	return kept + "… (" + thousands(len(s)-len(kept)) + " more bytes not shown)"
}

// thousands writes n with thousands separators, as the texts the model reads do.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// sizeText writes a power-of-two size for a message: "1 MiB", "4 KiB".
func sizeText(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.Itoa(n>>20) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.Itoa(n>>10) + " KiB"
	}
	return strconv.Itoa(n) + " bytes"
}
