//go:build js || wasip1 || tinygo

package clerkmini

// defaultTransport is nil where net/http cannot be used (or would add megabytes):
// New then asks for WithTransport.
func defaultTransport() Transport { return nil }
