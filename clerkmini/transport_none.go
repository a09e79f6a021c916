//go:build (wasip1 || tinygo) && !js

package clerkmini

// defaultTransport is nil where net/http cannot be used (or would add megabytes) and no
// host fetch exists: New then asks for WithTransport.
func defaultTransport() Transport { return nil }
