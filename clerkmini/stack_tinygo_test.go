//go:build tinygo

package clerkmini_test

// stackInUse is 0 under TinyGo, whose MemStats has no StackInuse: there the nesting
// tests check the refusal, not its stack cost.
func stackInUse() int64 { return 0 }
