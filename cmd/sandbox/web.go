package main

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/clerkmini/clerkmini/internal/loopback"
)

// corsHeaders are the request headers clerkmini's fetch transport sends, which a page on
// another origin needs the sandbox to allow.
const corsHeaders = "Authorization, Content-Type, Accept, Clerk-API-Version, User-Agent"

// withCORS lets pages served from loopback origins (the playground on another port, a dev
// server) call the sandbox from a browser. Other origins get no CORS headers, so a web
// site open in the same browser cannot drive the sandbox.
func withCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" || !loopbackOrigin(origin) {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
		h.Set("Access-Control-Expose-Headers", "Retry-After, Clerk-Trace-Id")
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", "GET, POST, DELETE")
			h.Set("Access-Control-Allow-Headers", corsHeaders)
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// loopbackOrigin reports whether origin is an http or https page on this machine.
func loopbackOrigin(origin string) bool {
	u, err := url.Parse(origin)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && loopback.Name(u.Hostname())
}

// withWeb serves the files of dir (the web/ folder: the playground page, the loader and
// the module) beside the API, so that the page and the API share an origin. Clerk's and
// the sandbox's own paths still go to the API.
func withWeb(api http.Handler, dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		switch {
		case strings.HasPrefix(p, "/v1/") || strings.HasPrefix(p, "/__sandbox/"):
			api.ServeHTTP(w, r)
			return
		case strings.Contains(p, "node_modules"): // test tools, not part of the page
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store") // a rebuilt module must not be served stale
		files.ServeHTTP(w, r)
	})
}
