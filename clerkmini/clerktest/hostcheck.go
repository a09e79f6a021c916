//go:build !tinygo

package clerktest

import (
	"net"
	"net/http"
	"strconv"
	"strings"
)

// LocalOnly wraps h (a Sandbox, or a Sandbox with files beside it) so that it answers
// only requests addressed to this machine: a Host of localhost, of a loopback address
// (127.0.0.0/8, [::1]), with or without a port, or exactly one of servedAddrs (the
// address the server listens on). Any other Host, or none, gets 403 host_invalid in
// Clerk's error JSON before h sees the request.
//
// Listening on loopback is not enough for a local server: a web page can make its own
// name resolve to 127.0.0.1 (DNS rebinding) and then call the server as a same-origin
// page, with CORS never asked. The Host header it sends still carries its own name.
// cmd/sandbox serves everything through LocalOnly; for a Sandbox served some other way,
// wrap it likewise:
//
//	srv := httptest.NewServer(clerktest.LocalOnly(sb))
func LocalOnly(h http.Handler, servedAddrs ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !localHost(r.Host, servedAddrs) {
			writeAnswer(w, clerkError(403, "host_invalid", "Host not allowed",
				"The sandbox answers only requests addressed to localhost or a loopback address, not to Host "+
					strconv.Quote(truncate(r.Host, 64))+". A web page reaching it through DNS rebinding is refused this way.", ""))
			return
		}
		h.ServeHTTP(w, r)
	})
}

// localHost reports whether a Host header names this machine: localhost or a loopback
// IP, with or without a port, or one of served exactly.
func localHost(host string, served []string) bool {
	for _, s := range served {
		if host == s {
			return true
		}
	}
	name := host
	if h, port, err := net.SplitHostPort(host); err == nil {
		if _, err := strconv.ParseUint(port, 10, 16); err != nil {
			return false
		}
		name = h
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		name = host[1 : len(host)-1]
	}
	if strings.EqualFold(name, "localhost") {
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && ip.IsLoopback()
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
