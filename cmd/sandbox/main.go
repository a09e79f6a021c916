// Command sandbox serves clerkmini's Clerk sandbox on a loopback address, for JavaScript
// hosts, the MCP server and local development: no Clerk account, no network.
//
//	go run ./cmd/sandbox -addr 127.0.0.1:8787
//	go run ./cmd/sandbox -web web   # also serve the WebAssembly playground page
//
// It prints CLERK_API_URL and CLERK_SECRET_KEY lines and the users it knows, then serves
// until interrupted. The key is the sandbox's own, fresh and random each run unless -key
// sets one (an sk_test_ key: it is printed), and opens nothing else.
//
// It is a local server and guards itself as one: it listens on loopback only, answers
// only requests whose Host is localhost or a loopback address (a web page that reaches
// it through DNS rebinding gets 403 host_invalid), and lets only pages on loopback
// origins call it from a browser (CORS). It holds at most clerktest.MaxLiveTokens
// pending tokens and forgets expired and finished ones.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
	"github.com/clerkmini/clerkmini/internal/loopback"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "sandbox:", err)
		}
		os.Exit(2)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "loopback `address` to listen on (port 0 picks a free one)")
	key := fs.String("key", "", "the secret `key` the sandbox accepts, sk_test_… (default: a fresh random one each run)")
	users := fs.String("users", strings.Join(clerktest.DefaultUsers, ","), "comma-separated user `ids` the sandbox knows")
	web := fs.String("web", "", "a `dir` of files to serve beside the API, such as web/ for the playground page")
	org := fs.String("org", "org_acme:user_alice,user_bob", "an organization and its members, as `org_id:user,user` (empty: organizations disabled)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return fmt.Errorf("-addr: %v", err)
	}
	if !loopback.Name(host) {
		return fmt.Errorf("-addr: %s is not a loopback address; the sandbox serves this machine only", host)
	}
	opts := []clerktest.Option{clerktest.WithUsers(splitList(*users)...)}
	if *key != "" {
		if err := checkKey(*key); err != nil {
			return err
		}
		opts = append(opts, clerktest.WithSecretKey(*key))
	}
	if *org != "" {
		id, members, ok := strings.Cut(*org, ":")
		if !ok || id == "" {
			return fmt.Errorf("-org: want org_id:user,user, got %q", *org)
		}
		opts = append(opts, clerktest.WithOrganization(id, splitList(members)...))
	}
	sb := clerktest.New(opts...)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	var handler http.Handler = sb
	if *web != "" {
		if st, err := os.Stat(*web); err != nil || !st.IsDir() {
			return fmt.Errorf("-web: %s is not a directory", *web)
		}
		handler = withWeb(sb, *web)
	}
	// The Host check comes first, so that nothing (API, control endpoints, CORS
	// preflights, files) answers a request meant for another name.
	srv := &http.Server{Handler: clerktest.LocalOnly(withCORS(handler)), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "CLERK_API_URL=http://%s\nCLERK_SECRET_KEY=%s\n", ln.Addr(), sb.SecretKey())
	fmt.Fprintf(stdout, "# users: %s\n", strings.Join(sb.Users(), " "))
	if *web != "" {
		fmt.Fprintf(stdout, "# playground: http://%s/\n", ln.Addr())
	}
	for id, members := range sb.Organizations() {
		fmt.Fprintf(stdout, "# organization %s: %s\n", id, strings.Join(members, " "))
	}
	if f, ok := stdout.(*os.File); ok {
		_ = f.Sync()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shutdown)
	}
}

// checkKey refuses a -key the sandbox should not take: one clerkmini would refuse to send,
// and any but a test key, since the sandbox prints its key for every client to read.
func checkKey(key string) error {
	if _, err := clerkmini.New(key); err != nil {
		return fmt.Errorf("-key: %w", err) // names what is wrong, never the key
	}
	if !strings.HasPrefix(key, "sk_test_") {
		return errors.New("-key: the sandbox prints its key, so it takes only an sk_test_ key (or none, for a random one)")
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
