package main

// The Java generator lives in pulumi-java's pkg module, v1.22.0 being the newest the Go module
// proxy serves. It does not compile against pkg/v3 v3.276.0 (the API it uses changed), so it
// has this module of its own, at the pkg/v3 it was released with (v3.228.0).

import (
	java "github.com/pulumi/pulumi-java/pkg/codegen/java"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// generators names each language's generator as `gen-sdk --language` names the language, each
// called with the arguments its language host passes for a published (not local) SDK.
var generators = map[string]func(*schema.Package) (map[string][]byte, error){
	"java": func(p *schema.Package) (map[string][]byte, error) {
		return java.GeneratePackage("pulumi-language-java", p, nil, nil, false, false)
	},
}
