// Package goclient holds the Go comparison of clerkmini's benchmarks (issue 5): a Create
// followed by a Revoke through clerkmini and through clerk-sdk-go v2.4.2's signintoken
// client, over the same transports. It has no non-test code; `make bench` (bench/js/goclient.mjs) runs its
// benchmarks with alternating runs and compares them with benchstat.
package goclient
