package main

import (
	"io"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// redacted replaces a secret key in what the server writes; it differs from the core's
// "[secret key]" so that a reader can tell which layer caught an echo.
const redacted = "[REDACTED secret key]"

// newScrubber returns what removes secret keys from the lines the server writes (stdout,
// stderr, the audit file), whatever put them there: the configured key in every form the
// core's Redactor recognises, and anything shaped like a Clerk secret key (sk_live_… or
// sk_test_…, any case), whoever's it is. The lines are JSON or text that quotes JSON, so
// escapes of escapes are seen through and a JSON line stays valid JSON. It runs after the
// core's own redaction, as a second, independent layer; key "" (the sandbox) redacts the
// shapes only.
func newScrubber(key string) *clerkmini.Redactor {
	return clerkmini.NewRedactor(key, clerkmini.RedactorOptions{Mark: redacted, KeyShapes: true, JSONText: true})
}

// scrubWriter scrubs each Write before passing it on. Every writer of this server writes
// whole lines (a JSON-RPC message, a log record, an audit record) in one Write, so no key
// is ever split across two.
type scrubWriter struct {
	w io.Writer
	s *clerkmini.Redactor
}

func (w *scrubWriter) Write(p []byte) (int, error) {
	if _, err := w.w.Write(w.s.Bytes(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}
