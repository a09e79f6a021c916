//go:build !js && !wasip1 && !tinygo

package clerkmini_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/clerkmini/clerkmini/clerkmini"
	"golang.org/x/tools/txtar"
)

// The golden files in ../testdata/golden hold one HTTP exchange each: the request as the
// client must send it, the answer, and what the client must make of it. See
// ../testdata/README.md.
var (
	update = flag.Bool("update", false, "rewrite the want sections of the golden files")
	record = flag.Bool("record", false, "re-record the golden exchanges from CLERK_API_URL with CLERK_SECRET_KEY (see testdata/README.md)")
)

const (
	goldenDir = "../testdata/golden"
	goldenKey = "sk_test_golden"
)

// golden is one golden file: a txtar archive whose comment says what the exchange is and
// where it comes from, and whose files are its sections.
type golden struct {
	comment  string
	request  string
	response string
	want     string
}

func parseGolden(data string) (golden, error) {
	ar := txtar.Parse([]byte(data))
	g := golden{comment: string(ar.Comment)}
	sections := map[string]*string{"request": &g.request, "response": &g.response, "want": &g.want}
	for _, f := range ar.Files {
		dst := sections[f.Name]
		if dst == nil {
			return g, fmt.Errorf("unknown section %q", f.Name)
		}
		*dst = string(f.Data)
	}
	g.request = strings.TrimSuffix(g.request, "\n")
	g.response = strings.TrimSuffix(g.response, "\n")
	if g.request == "" || g.response == "" {
		return g, errors.New("a golden file needs a request and a response section")
	}
	return g, nil
}

func (g golden) String() string {
	return string(txtar.Format(&txtar.Archive{Comment: []byte(g.comment), Files: []txtar.File{
		{Name: "request", Data: []byte(g.request + "\n")},
		{Name: "response", Data: []byte(g.response + "\n")},
		{Name: "want", Data: []byte(g.want)},
	}}))
}

// call is what the client is asked to do, read back from the recorded request: the
// replay then checks that the client sends exactly that request.
func (g golden) call(ctx context.Context, c *clerkmini.Client) (*clerkmini.SignInToken, error, error) {
	req, err := parseRequest(g.request)
	if err != nil {
		return nil, nil, err
	}
	body, path := req.body, req.path
	if path == "/v1/sign_in_tokens" {
		var p struct {
			UserID  string `json:"user_id"`
			OrgID   string `json:"org_id"`
			Expires int64  `json:"expires_in_seconds"`
		}
		if err := json.Unmarshal(body, &p); err != nil {
			return nil, nil, fmt.Errorf("request body: %v", err)
		}
		tok, err := c.SignInTokens.Create(ctx, clerkmini.CreateSignInTokenParams{UserID: p.UserID, OrgID: p.OrgID, ExpiresInSeconds: p.Expires})
		return tok, err, nil
	}
	if seg, ok := strings.CutPrefix(path, "/v1/sign_in_tokens/"); ok && strings.HasSuffix(seg, "/revoke") {
		id, err := url.PathUnescape(strings.TrimSuffix(seg, "/revoke"))
		if err != nil {
			return nil, nil, err
		}
		tok, err := c.SignInTokens.Revoke(ctx, id)
		return tok, err, nil
	}
	return nil, nil, fmt.Errorf("no call sends %s", path)
}

// goldenRequest is a request section: "METHOD PATH HTTP/1.1", header lines, a blank
// line, and the body to the end (requests carry no Content-Length in the files).
type goldenRequest struct {
	method, path string
	header       http.Header
	body         []byte
}

func parseRequest(text string) (goldenRequest, error) {
	head, body, _ := strings.Cut(text, "\n\n")
	lines := strings.Split(head, "\n")
	parts := strings.Fields(lines[0])
	if len(parts) != 3 || parts[2] != "HTTP/1.1" {
		return goldenRequest{}, fmt.Errorf("request line %q", lines[0])
	}
	r := goldenRequest{method: parts[0], path: parts[1], header: http.Header{}, body: []byte(body)}
	for _, l := range lines[1:] {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			return r, fmt.Errorf("header line %q", l)
		}
		r.header.Add(k, strings.TrimSpace(v))
	}
	return r, nil
}

// replay is a Transport that checks the client's request against the golden one and
// answers with the golden response.
type replay struct {
	t     *testing.T
	g     golden
	calls int
}

// headersThatMatter are compared on replay; others (Accept, Content-Length) may vary.
var headersThatMatter = []string{"Authorization", "Clerk-Api-Version", "Content-Type", "User-Agent"}

var userAgentVersion = regexp.MustCompile(`clerkmini/\S+`)

func (r *replay) RoundTrip(ctx context.Context, got *clerkmini.Request) (*clerkmini.Response, error) {
	r.calls++
	want, err := parseRequest(r.g.request)
	if err != nil {
		r.t.Fatalf("golden request: %v", err)
	}
	u, err := url.Parse(got.URL)
	if err != nil {
		r.t.Fatalf("client sent an unparsable URL %q", got.URL)
	}
	if got.Method != want.method || u.EscapedPath() != want.path || u.RawQuery != "" || u.Host != want.header.Get("Host") {
		r.t.Errorf("request line: got %s %s, want %s https://%s%s", got.Method, got.URL, want.method, want.header.Get("Host"), want.path)
	}
	if string(got.Body) != string(want.body) {
		r.t.Errorf("body: got %q, want %q", got.Body, want.body)
	}
	for _, h := range headersThatMatter {
		w := want.header.Get(h)
		if h == "User-Agent" {
			w = userAgentVersion.ReplaceAllString(w, "clerkmini/"+clerkmini.Version)
		}
		if g := got.Header.Get(h); g != w {
			r.t.Errorf("header %s: got %q, want %q", h, g, w)
		}
	}
	resp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(r.g.response)), nil)
	if err != nil {
		r.t.Fatalf("golden response: %v", err)
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, clerkmini.MaxResponseBytes+1))
	return &clerkmini.Response{StatusCode: resp.StatusCode, Header: clerkmini.HeaderFrom(resp.Header), Body: body}, nil
}

func TestGolden(t *testing.T) {
	if *record {
		recordGolden(t)
	}
	files, err := filepath.Glob(filepath.Join(goldenDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files in %s (%v)", goldenDir, err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			g, err := parseGolden(string(data))
			if err != nil {
				t.Fatal(err)
			}
			rt := &replay{t: t, g: g}
			c, err := clerkmini.New(goldenKey, clerkmini.WithTransport(rt), clerkmini.WithRetries(0))
			if err != nil {
				t.Fatal(err)
			}
			tok, callErr, err := g.call(context.Background(), c)
			if err != nil {
				t.Fatal(err)
			}
			if rt.calls != 1 {
				t.Errorf("the client sent %d requests, want 1", rt.calls)
			}
			got := render(tok, callErr)
			if strings.Contains(got, goldenKey) {
				t.Errorf("the result mentions the secret key:\n%s", got)
			}
			if *update || *record {
				g.want = got
				if err := os.WriteFile(file, []byte(g.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if g.want == "" {
				t.Fatalf("no want section; run go test ./clerkmini -run TestGolden -update and review the diff")
			}
			if got != g.want {
				t.Errorf("result differs from the golden file (go test -run TestGolden -update rewrites it)\n--- got\n%s--- want\n%s", got, g.want)
			}
		})
	}
}

// render prints a result the way a reviewer reads it: a token as the core writes it
// (every field), or the error's type, fields and one-line text.
func render(tok *clerkmini.SignInToken, err error) string {
	var b strings.Builder
	if err == nil {
		return "*clerkmini.SignInToken\n  " + string(tok.AppendJSON(nil)) + "\n"
	}
	var (
		ce *clerkmini.ClerkErrors
		se *clerkmini.SDKError
		te *clerkmini.TransportError
	)
	switch {
	case errors.As(err, &ce):
		fmt.Fprintf(&b, "*clerkmini.ClerkErrors\n  StatusCode: %d\n  TraceID: %s\n  RetryAfter: %s\n", ce.StatusCode, ce.TraceID, ce.RetryAfter)
		for i, e := range ce.Errors {
			fmt.Fprintf(&b, "  Errors[%d]: code=%s message=%q long_message=%q meta=%s\n", i, e.Code, e.Message, e.LongMessage, e.Meta)
		}
	case errors.As(err, &se):
		fmt.Fprintf(&b, "*clerkmini.SDKError\n  StatusCode: %d\n  ContentType: %s\n  Reason: %s\n  Body: %s\n", se.StatusCode, se.ContentType, se.Reason, se.Body)
	case errors.As(err, &te):
		fmt.Fprintf(&b, "*clerkmini.TransportError\n")
	default:
		fmt.Fprintf(&b, "%T\n", err)
	}
	fmt.Fprintf(&b, "Error(): %s\n", err)
	return b.String()
}

// sortedHeader writes a header block in a stable order.
func sortedHeader(h map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(h)) {
		fmt.Fprintf(&b, "%s: %s\n", http.CanonicalHeaderKey(k), h[k])
	}
	return b.String()
}
