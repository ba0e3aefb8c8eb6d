// Command aigov-http serves libaigov over HTTP.
//
//	POST /v1/evaluate[?as_of=YYYY-MM-DD][&format=F]   descriptor JSON in (Content-Type:
//	                                       application/json), report out (Accept: application/json,
//	                                       text/markdown, text/plain or application/oscal+json, or
//	                                       format=json|text|markdown|oscal)
//	GET  /v1/rules[?format=F]              the rule catalogue (JSON, markdown or text)
//	GET  /v1/schema                        JSON Schema of the descriptor
//	GET  /healthz                          liveness, engine version and rules hash
//
// Without ?as_of= the report is as of today's date (UTC) on the host: the
// engine never reads the clock. Errors are JSON:
// {"error":{"code":"AIGOV_EINPUT","message":"...","path":"$.system.x"}},
// 400 for input errors and unknown query parameters, 413 over the body
// limit, 415 without a JSON Content-Type, 405, 404, 406, 408.
// SIGTERM or SIGINT stops accepting connections and waits for requests in
// flight (up to -shutdown-timeout).
//
// The service holds no legal logic: it moves bytes to and from the library.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"libaigov.example/aigov"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "aigov-http:", err)
		os.Exit(1)
	}
}

// run parses args, serves until ctx is done, then shuts down gracefully.
// ready, when not nil, receives the listening address.
func run(ctx context.Context, args []string, logOut io.Writer, ready func(addr string)) error {
	cfg := DefaultConfig()
	fs := flag.NewFlagSet("aigov-http", flag.ContinueOnError)
	fs.SetOutput(logOut)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	rulesDir := fs.String("rules", "", "serve the rule set compiled from this directory instead of the built-in one")
	quiet := fs.Bool("quiet", false, "no access log")
	fs.Int64Var(&cfg.MaxBody, "max-body", cfg.MaxBody, "largest request body in bytes")
	fs.DurationVar(&cfg.ReadHeaderTimeout, "read-header-timeout", cfg.ReadHeaderTimeout, "time to read request headers")
	fs.DurationVar(&cfg.ReadTimeout, "read-timeout", cfg.ReadTimeout, "time to read a whole request")
	fs.DurationVar(&cfg.WriteTimeout, "write-timeout", cfg.WriteTimeout, "time to write a response")
	fs.DurationVar(&cfg.IdleTimeout, "idle-timeout", cfg.IdleTimeout, "keep-alive idle time")
	fs.DurationVar(&cfg.ShutdownTimeout, "shutdown-timeout", cfg.ShutdownTimeout, "grace period on SIGTERM")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.MaxBody <= 0 || cfg.MaxBody > 64<<20 {
		return fmt.Errorf("-max-body %d: must be 1 to %d bytes (the library's input limit)", cfg.MaxBody, 64<<20)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	logger := log.New(logOut, "aigov-http: ", log.LstdFlags|log.LUTC)
	if !*quiet {
		cfg.Logger = logger
	}

	if err := aigov.CheckVersion(); err != nil {
		return err
	}
	table := aigov.Builtin()
	if *rulesDir != "" {
		t, err := aigov.Open(*rulesDir)
		if err != nil {
			return fmt.Errorf("compiling %s: %w", *rulesDir, err)
		}
		defer t.Close()
		table = t
	}

	srv := NewServer(table, cfg).HTTPServer()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	logger.Printf("listening on %s (libaigov %s, rules %s %s)", ln.Addr(), aigov.Version(), table.Revision(), table.Hash())
	if ready != nil {
		ready(ln.Addr().String())
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Printf("shutting down: waiting up to %s for requests in flight", cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Printf("stopped")
	return nil
}
