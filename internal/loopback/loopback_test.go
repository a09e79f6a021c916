package loopback_test

import (
	"testing"

	"github.com/clerkmini/clerkmini/internal/loopback"
)

func TestNameIsLocalhostOrALoopbackAddress(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "LocalHost": true, "LOCALHOST": true, "127.0.0.1": true, "127.255.0.9": true, "::1": true,
		"0:0:0:0:0:0:0:1": true,

		"": false, "localhost.": false, "localhost.evil.example": false, "127.0.0.1.nip.io": false, "0.0.0.0": false,
		"10.0.0.1": false, "::2": false, "[::1]": false, "fe80::1%lo": false, "2130706433": false, "evil.example": false,
	} {
		if got := loopback.Name(host); got != want {
			t.Errorf("Name(%q) = %v, want %v", host, got, want)
		}
	}
}
