package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// A transcript (testdata/transcripts/*.txt) is one stdio session, laid out like the
// official Go SDK's conformance transcripts: a comment, then "-- client --" with the lines
// the client sends, then "-- server --" with the exact lines the server writes, in order.
// What differs from run to run is normalised in the server's lines (see normalisers) and
// named by placeholders that the client's lines may use: `<sit_1>` is the first token id
// the server wrote. A client line without "method" answers the server's next request,
// its id replaced by that request's. `go test ./cmd/mcp -run Transcripts -update` rewrites the
// server sections from the binary: review the diff.
func TestTranscripts(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "transcripts", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no transcripts under testdata/transcripts (%v)", err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			tr := loadTranscript(t, path)
			got := replay(t, tr.client)
			if *update {
				tr.server = got
				if err := os.WriteFile(path, []byte(tr.format()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for i := 0; i < max(len(got), len(tr.server)); i++ {
				want, have := at(tr.server, i), at(got, i)
				if want != have {
					t.Errorf("server line %d differs from byte %d (go test ./cmd/mcp -run Transcripts -update rewrites it; review the diff)\nwant …%s\ngot  …%s", i+1, firstDiff(want, have), around(want, firstDiff(want, have)), around(have, firstDiff(want, have)))
				}
			}
		})
	}
}

// normalisers replace what changes between runs with a fixed text, each matched strictly
// (a timestamp only as digits), so a field of another shape still shows as a difference.
var normalisers = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+`), "<token>"},
	{regexp.MustCompile(`((?:created_at|updated_at)\\?"):[0-9]+`), "$1:<unix_ms>"},
	{regexp.MustCompile(`clerk_trace_id: [0-9a-f]+`), "clerk_trace_id: <trace_id>"},
}

var tokenID = regexp.MustCompile(`sit_[0-9A-Za-z]{10,}`)

// replay runs the binary on its sandbox, sends the client's lines, and returns the
// server's lines normalised. It waits for the answer to each request before the next
// line, so the order is the session's, not the scheduler's.
func replay(t *testing.T, client []string) []string {
	p := start(t, nil, "--sandbox")
	ids := map[string]string{} // real token id → placeholder
	var out []string
	var answers []string // client responses waiting for a server request
	for _, line := range client {
		var m struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
		}
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("client line %s: %v", line, err)
		}
		if m.Method == "" {
			answers = append(answers, line)
			continue
		}
		for real, placeholder := range ids {
			line = strings.ReplaceAll(line, placeholder, real)
		}
		p.sendRaw(line)
		for m.ID != nil {
			raw, ok := nextLine(t, p)
			if !ok {
				t.Fatalf("the server closed stdout before answering %s", line)
			}
			var s struct {
				ID     json.RawMessage `json:"id"`
				Method string          `json:"method"`
			}
			if err := json.Unmarshal([]byte(raw), &s); err != nil {
				t.Fatalf("stdout line is not JSON: %q", raw)
			}
			out = append(out, normalise(raw, ids))
			switch {
			case s.Method != "" && s.ID != nil: // the server asks: the next client response answers
				if len(answers) == 0 {
					t.Fatalf("the server asked %s and the transcript has no answer for it", raw)
				}
				var answer map[string]json.RawMessage
				if err := json.Unmarshal([]byte(answers[0]), &answer); err != nil {
					t.Fatalf("client line %s: %v", answers[0], err)
				}
				answer["id"] = s.ID
				p.send(answer)
				answers = answers[1:]
			case s.Method == "" && string(s.ID) == string(m.ID):
				m.ID = nil
			}
		}
	}
	p.stdin.Close()
	for raw, ok := nextLine(t, p); ok; raw, ok = nextLine(t, p) {
		out = append(out, normalise(raw, ids))
	}
	if code := p.wait(); code != 0 {
		t.Errorf("exit code %d after stdin EOF; stderr: %s", code, p.stderr.String())
	}
	return out
}

// nextLine returns the server's next stdout line without its newline; false at EOF.
func nextLine(t *testing.T, p *proc) (string, bool) {
	t.Helper()
	select {
	case l, ok := <-p.lines:
		return strings.TrimSuffix(string(l), "\n"), ok
	case <-time.After(time.Minute): // a hang guard, not a timing check
		t.Fatalf("no line from the server within a minute; stderr: %s", p.stderr.String())
		return "", false
	}
}

func normalise(line string, ids map[string]string) string {
	for _, n := range normalisers {
		line = n.re.ReplaceAllString(line, n.with)
	}
	return tokenID.ReplaceAllStringFunc(line, func(id string) string {
		if _, ok := ids[id]; !ok {
			ids[id] = fmt.Sprintf("<sit_%d>", len(ids)+1)
		}
		return ids[id]
	})
}

// firstDiff is the offset of the first byte where a and b differ.
func firstDiff(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// around is s from a little before offset i, cut short: long lines (tools/list) are
// unreadable whole.
func around(s string, i int) string {
	from, to := max(i-60, 0), min(i+140, len(s))
	return s[from:to]
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(nothing)"
}

type transcript struct {
	comment        string
	client, server []string
}

func loadTranscript(t *testing.T, path string) *transcript {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tr := &transcript{}
	var section *[]string
	for line := range strings.Lines(string(b)) {
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "-- client --":
			section = &tr.client
		case line == "-- server --":
			section = &tr.server
		case section == nil:
			tr.comment += line + "\n"
		case line != "":
			*section = append(*section, line)
		}
	}
	if len(tr.client) == 0 {
		t.Fatalf("%s has no -- client -- lines", path)
	}
	return tr
}

func (tr *transcript) format() string {
	return tr.comment + "-- client --\n" + strings.Join(tr.client, "\n") + "\n-- server --\n" + strings.Join(tr.server, "\n") + "\n"
}
