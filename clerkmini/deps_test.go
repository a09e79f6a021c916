//go:build !js && !wasip1 && !tinygo

package clerkmini_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// heavy are the packages a small target must not link: they cost megabytes in wasm, and
// TinyGo supports them poorly or not at all.
var heavy = []string{"encoding/json", "fmt", "log", "net/http", "net/url", "os", "reflect"}

// The builds below are listed with go list -deps, everything they link, nothing skipped.
// TinyGo's wasm-unknown target is listed as TinyGo lists it: GOOS=linux, GOARCH=arm and
// its build tags (tinygo targets/wasm-unknown.json).
var (
	jsWasm     = []string{"GOOS=js", "GOARCH=wasm"}
	wasip1Wasm = []string{"GOOS=wasip1", "GOARCH=wasm"}
	tinygoWasm = []string{"GOOS=linux", "GOARCH=arm", "GOFLAGS=-tags=tinygo,tinygo.wasm,wasm_unknown"}
)

// standIn is the workspace that puts cmd/wasm/pretty in tidwall/pretty's place.
func standIn(t *testing.T) string {
	work, err := filepath.Abs("../cmd/wasm/go.work")
	if err != nil {
		t.Fatal(err)
	}
	return "GOWORK=" + work
}

// linked lists what pkg (relative to the repository's root) links under env.
func linked(t *testing.T, pkg string, env ...string) []string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatal("the go command is needed for this test")
	}
	cmd := exec.Command("go", "list", "-deps", pkg)
	cmd.Dir = ".."
	cmd.Env = append(append(os.Environ(), "GOFLAGS="), env...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s go list -deps %s: %v", strings.Join(env, " "), pkg, err)
	}
	return strings.Fields(string(out))
}

func heavyIn(pkgs []string) []string {
	var found []string
	for _, p := range pkgs {
		if slices.Contains(heavy, p) || p == "syscall/js" {
			found = append(found, p)
		}
	}
	return found
}

// TestShippedModuleLinksNothingHeavy checks what cmd/wasm links, built as make wasm
// builds it (with the stand-in for tidwall/pretty) for both toolchains: no package of
// heavy and no syscall/js (its host imports are its own).
func TestShippedModuleLinksNothingHeavy(t *testing.T) {
	for name, env := range map[string][]string{"wasip1": wasip1Wasm, "tinygo wasm-unknown": tinygoWasm} {
		if got := heavyIn(linked(t, "./cmd/wasm", append(env, standIn(t))...)); len(got) > 0 {
			t.Errorf("%s: cmd/wasm links %s", name, strings.Join(got, " "))
		}
	}
}

// TestCoreLinksWhatItsDocSays checks the promise of doc.go to someone importing the
// package into their own wasm build: with tidwall/pretty replaced as cmd/wasm replaces
// it, clerkmini links none of heavy on GOOS=js (syscall/js, for FetchTransport, only),
// GOOS=wasip1 and TinyGo; imported plainly, it links encoding/json (and with it fmt, os
// and reflect) through gjson's tidwall/pretty, and through nothing else.
func TestCoreLinksWhatItsDocSays(t *testing.T) {
	for name, env := range map[string][]string{"js": jsWasm, "wasip1": wasip1Wasm, "tinygo wasm-unknown": tinygoWasm} {
		t.Run(name, func(t *testing.T) {
			got := heavyIn(linked(t, "./clerkmini", append(env, standIn(t))...))
			if name == "js" {
				got = slices.DeleteFunc(got, func(p string) bool { return p == "syscall/js" })
			}
			if len(got) > 0 {
				t.Errorf("with the stand-in, clerkmini links %s", strings.Join(got, " "))
			}
			plain := linked(t, "./clerkmini", append(env, "GOWORK=off")...)
			if !slices.Contains(plain, "encoding/json") || !slices.Contains(plain, "github.com/tidwall/pretty") {
				t.Errorf("imported plainly, clerkmini no longer links encoding/json through tidwall/pretty: doc.go says it does")
			}
		})
	}
}

// TestOnlyThirdPartyImportIsGjson checks the native build's non-standard dependencies.
func TestOnlyThirdPartyImportIsGjson(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{
		// ours: internal/wait needs context and time only, internal/cut unicode/utf8 only
		"github.com/clerkmini/clerkmini/clerkmini": true, "github.com/clerkmini/clerkmini/internal/wait": true,
		"github.com/clerkmini/clerkmini/internal/cut": true,

		"github.com/tidwall/gjson": true, "github.com/tidwall/match": true, "github.com/tidwall/pretty": true,
	}
	for _, p := range strings.Fields(string(out)) {
		if !allowed[p] {
			t.Errorf("the core depends on %s", p)
		}
	}
}
