package clerkmini_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
)

func TestParseHTTPDateAgreesWithTimeParse(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		want := time.Unix(r.Int64N(1<<36)-1<<35, 0).UTC() // years 881 to 3058
		s := want.Format(http1123)
		got, ok := clerkmini.ParseHTTPDate(s)
		if !ok || got != want.Unix() {
			t.Fatalf("%s: got %d, %v; want %d", s, got, ok, want.Unix())
		}
	}
	for _, s := range []string{
		"Sun, 06 Nov 1994 08:49:37 GMT", "Sat, 29 Feb 2000 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT",
	} {
		want, err := time.Parse(http1123, s)
		if got, ok := clerkmini.ParseHTTPDate(s); err != nil || !ok || got != want.Unix() {
			t.Errorf("%s: got %d, %v; want %d", s, got, ok, want.Unix())
		}
	}
	for _, s := range []string{
		"", "120", "Sun, 06 Nov 1994 08:49:37 EST", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
		"Sun, 06 Nov 1994 08:49:37 GMT ", "Xyz, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
		"Sun, 31 Nov 1994 08:49:37 GMT", "Sun, 29 Feb 1900 08:49:37 GMT", "Sun, 00 Nov 1994 08:49:37 GMT",
		"Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT", "Sun, 06 Nov 1994 08:49:60 GMT",
		"Sun, 06 Nov 19x4 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:3- GMT",
	} {
		if got, ok := clerkmini.ParseHTTPDate(s); ok {
			t.Errorf("%q read as %d", s, got)
		}
	}
}

// http1123 is RFC 1123's layout with the zone HTTP requires.
const http1123 = "Mon, 02 Jan 2006 15:04:05 GMT"
