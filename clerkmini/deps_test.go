//go:build !js && !wasip1 && !tinygo

package clerkmini_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// forbidden are the packages the core must not bring into small targets: they cost
// megabytes in wasm, and TinyGo supports them poorly or not at all.
var forbidden = []string{"net/http", "net/url", "encoding/json", "fmt", "os", "reflect", "log"}

// TestSmallTargetsImportNothingHeavy checks, with go list, what the core adds to gjson's
// own dependencies on GOOS=js, GOOS=wasip1 and under the tinygo build tag.
func TestSmallTargetsImportNothingHeavy(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatal("the go command is needed for this test")
	}
	for _, target := range []struct {
		name string
		env  []string
		tags string
	}{
		{"js/wasm", []string{"GOOS=js", "GOARCH=wasm"}, ""},
		{"wasip1/wasm", []string{"GOOS=wasip1", "GOARCH=wasm"}, ""},
		{"tinygo tag", nil, "tinygo"},
	} {
		t.Run(target.name, func(t *testing.T) {
			list := func(format string, pkgs ...string) map[string]bool {
				args := []string{"list", "-tags=" + target.tags}
				if format == "" {
					args = append(args, "-deps")
				} else {
					args = append(args, "-f", format)
				}
				cmd := exec.Command("go", append(args, pkgs...)...)
				cmd.Env = append(os.Environ(), target.env...)
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("go %s: %v", strings.Join(cmd.Args[1:], " "), err)
				}
				set := map[string]bool{}
				for _, p := range strings.Fields(string(out)) {
					set[p] = true
				}
				return set
			}
			core := list("", ".")
			gjson := list("", "github.com/tidwall/gjson")
			imports := list(`{{join .Imports " "}}`, ".")
			for _, p := range forbidden {
				if imports[p] {
					t.Errorf("clerkmini imports %s", p)
				}
			}
			for p := range core {
				if gjson[p] || p == "github.com/clerkmini/clerkmini/clerkmini" {
					continue
				}
				for _, f := range forbidden {
					if p == f || strings.HasPrefix(p, f+"/") {
						t.Errorf("clerkmini brings in %s beyond gjson's own dependencies", p)
					}
				}
				if strings.Contains(strings.SplitN(p, "/", 2)[0], ".") {
					t.Errorf("clerkmini brings in third-party package %s", p)
				}
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
		"github.com/clerkmini/clerkmini/clerkmini": true,
		"github.com/tidwall/gjson":                 true, "github.com/tidwall/match": true, "github.com/tidwall/pretty": true,
	}
	for _, p := range strings.Fields(string(out)) {
		if !allowed[p] {
			t.Errorf("the core depends on %s", p)
		}
	}
}
