//go:build !tinygo

package clerktest

import (
	"net"
	"net/http"
	"strconv"
	"strings"

	"github.com/clerkmini/clerkmini/internal/cut"
	"github.com/clerkmini/clerkmini/internal/loopback"
)

// LocalOnly wraps h (a Sandbox, or a Sandbox with files beside it) so that it answers
// only requests addressed to this machine: a Host of localhost (in any letter case) or
// of a loopback address (127.0.0.0/8, [::1]), with or without a port. Any other Host, or
// none, gets 403 host_invalid in Clerk's error JSON before h sees the request. The
// address a loopback server listens on is always such a Host, so it needs no naming.
//
// Listening on loopback is not enough for a local server: a web page can make its own
// name resolve to 127.0.0.1 (DNS rebinding) and then call the server as a same-origin
// page, with CORS never asked. The Host header it sends still carries its own name.
// cmd/sandbox serves everything through LocalOnly; for a Sandbox served some other way,
// wrap it likewise:
//
//	srv := httptest.NewServer(clerktest.LocalOnly(sb))
func LocalOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !localHost(r.Host) {
			writeAnswer(w, clerkError(403, "host_invalid", "Host not allowed",
				"The sandbox answers only requests addressed to localhost or a loopback address, not to Host "+
					strconv.Quote(cut.Preview(r.Host, 64))+". A web page reaching it through DNS rebinding is refused this way.", ""))
			return
		}
		h.ServeHTTP(w, r)
	})
}

// localHost reports whether a Host header names this machine (loopback.Name), with or
// without a port.
func localHost(host string) bool {
	name := host
	if h, port, err := net.SplitHostPort(host); err == nil {
		if _, err := strconv.ParseUint(port, 10, 16); err != nil {
			return false
		}
		name = h
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		name = host[1 : len(host)-1]
	}
	return loopback.Name(name)
}
