module github.com/clerkmini/clerkmini/bench

go 1.26

replace github.com/clerkmini/clerkmini => ../

require (
	github.com/clerk/clerk-sdk-go/v2 v2.4.2
	github.com/clerkmini/clerkmini v0.0.0-00010101000000-000000000000
)

require (
	github.com/go-jose/go-jose/v3 v3.0.4 // indirect
	github.com/tidwall/gjson v1.20.2 // indirect
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.3.0 // indirect
	golang.org/x/crypto v0.19.0 // indirect
)
