package clerktest

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"

	"github.com/clerkmini/clerkmini/clerkmini"
)

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// randomBase62 returns n random base62 characters, the alphabet of Clerk's ids.
func randomBase62(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = base62[int(b[i])%len(base62)]
	}
	return string(b)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// jwt returns a signed, JWT-shaped sign-in token. The claims follow what such tokens are
// known to carry (instance, token id, expiry); Clerk's exact claims are not documented.
func (s *Sandbox) jwt(tokenID string, expUnix int64) string {
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	claims := strconv.AppendInt([]byte(`{"exp":`), expUnix, 10)
	claims = clerkmini.AppendJSONString(append(claims, `,"iid":`...), s.instanceID)
	claims = clerkmini.AppendJSONString(append(claims, `,"sid":`...), tokenID)
	payload := enc.EncodeToString(append(claims, `,"st":"sign_in_token"}`...))
	mac := hmac.New(sha256.New, s.signingKey)
	mac.Write([]byte(header + "." + payload))
	return header + "." + payload + "." + enc.EncodeToString(mac.Sum(nil))
}
