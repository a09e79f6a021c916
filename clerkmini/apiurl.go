package clerkmini

import "strings"

// DefaultAPIURL is the origin of Clerk's Backend API, as Clerk's SDKs take it.
const DefaultAPIURL = "https://api.clerk.com"

// apiBase turns an origin as Clerk's SDKs take it (CLERK_API_URL) into the base the
// client adds paths to: scheme, host, an optional path prefix, then "/v1". Plain http is
// allowed only for loopback hosts, so the secret key never travels in clear text.
// net/url is not used: it imports fmt, which the package keeps out of wasm and TinyGo.
func apiBase(raw string) (string, error) {
	bad := func(reason string) error { return &ValidationError{Field: "api_url", Reason: reason} }
	if raw == "" {
		return "", bad("must not be empty")
	}
	for i := 0; i < len(raw); i++ {
		if c := raw[i]; c <= ' ' || c == 0x7f {
			return "", bad("contains a space or control character")
		}
	}
	scheme, rest, ok := strings.Cut(raw, "://")
	scheme = strings.ToLower(scheme)
	if !ok || (scheme != "https" && scheme != "http") {
		return "", bad("must start with https:// (or http:// for a loopback host)")
	}
	if strings.ContainsAny(rest, "?#") {
		return "", bad("must not have a query or fragment")
	}
	authority, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		authority, path = rest[:i], rest[i:]
	}
	if strings.Contains(authority, "@") {
		return "", bad("must not carry credentials (user@host)")
	}
	host, port, err := splitHostPort(authority)
	if err != "" {
		return "", bad(err)
	}
	if scheme == "http" && !isLoopback(host) {
		return "", bad("plain http is allowed only for loopback hosts (localhost, 127.0.0.1, [::1]); use https so the secret key is not sent in clear text")
	}
	for _, seg := range strings.Split(path, "/") {
		if seg == "." || seg == ".." {
			return "", bad("must not hold dot segments")
		}
	}
	path = strings.TrimRight(path, "/")
	path = strings.TrimSuffix(path, "/v1")
	path = strings.TrimRight(path, "/")
	base := scheme + "://" + strings.ToLower(host)
	if port != "" {
		base += ":" + port
	}
	return base + path + "/v1", nil
}

// splitHostPort splits an authority into host (brackets kept for IPv6) and port, and
// returns a reason when either is malformed.
func splitHostPort(a string) (host, port, reason string) {
	host = a
	if strings.HasPrefix(a, "[") {
		end := strings.IndexByte(a, ']')
		if end < 0 {
			return "", "", "has an unclosed IPv6 bracket"
		}
		host, a = a[:end+1], a[end+1:]
		if a != "" && a[0] != ':' {
			return "", "", "has text after the IPv6 address"
		}
		if a != "" {
			port = a[1:]
		}
		for _, c := range host[1 : len(host)-1] {
			if !(c == ':' || c == '.' || '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return "", "", "has a malformed IPv6 address"
			}
		}
	} else if i := strings.LastIndexByte(a, ':'); i >= 0 {
		host, port = a[:i], a[i+1:]
	}
	if host == "" || host == "[]" {
		return "", "", "has no host"
	}
	if !strings.HasPrefix(host, "[") {
		for i := 0; i < len(host); i++ {
			c := host[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_') {
				return "", "", "has a character that is not allowed in a host name"
			}
		}
	}
	if port != "" || strings.HasSuffix(a, ":") {
		n := 0
		for i := 0; i < len(port); i++ {
			if port[i] < '0' || port[i] > '9' || n > 65535 {
				return "", "", "has a malformed port"
			}
			n = n*10 + int(port[i]-'0')
		}
		if port == "" || n < 1 || n > 65535 {
			return "", "", "has a malformed port"
		}
	}
	return host, port, ""
}

// isLoopback reports whether host is localhost (or a name under .localhost), an address
// in 127.0.0.0/8, or [::1].
func isLoopback(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") || h == "[::1]" || h == "[0:0:0:0:0:0:0:1]" {
		return true
	}
	parts := strings.Split(h, ".")
	if len(parts) != 4 || parts[0] != "127" {
		return false
	}
	for _, p := range parts {
		if p == "" || len(p) > 3 {
			return false
		}
		n := 0
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return false
			}
			n = n*10 + int(p[i]-'0')
		}
		if n > 255 {
			return false
		}
	}
	return true
}
