// Package loopback holds the one rule by which the sandbox (clerktest.LocalOnly, and
// cmd/sandbox's -addr check and CORS) decides that a host names this machine.
package loopback

import (
	"net"
	"strings"
)

// Name reports whether host, a host without its port or brackets (as url.URL.Hostname
// returns it), names this machine: localhost in any letter case, as hosts are compared
// (RFC 3986 §3.2.2), or a loopback IP address (127.0.0.0/8, ::1). Anything else,
// including a name that merely resolves to loopback, does not.
func Name(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
