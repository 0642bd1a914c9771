package main

import (
	dotnet "github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3/codegen"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	nodejs "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	python "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// generators names each language's generator as `gen-sdk --language` names the language, each
// called with the arguments its language host passes for a published (not local) SDK. Python,
// Go and Node.js come from pkg/v3 (the CLI's version); .NET's generator left pkg/v3 for
// pulumi-language-dotnet (v3.110.0, the newest the Go module proxy serves).
var generators = map[string]func(*schema.Package) (map[string][]byte, error){
	"python": func(p *schema.Package) (map[string][]byte, error) {
		return python.GeneratePackage("pulumi-language-python", p, nil, noReferences{})
	},
	"go": func(p *schema.Package) (map[string][]byte, error) {
		return gogen.GeneratePackage("pulumi-language-go", p, nil)
	},
	"nodejs": func(p *schema.Package) (map[string][]byte, error) {
		return nodejs.GeneratePackage("pulumi-language-nodejs", p, nil, nil, false, noReferences{})
	},
	"dotnet": func(p *schema.Package) (map[string][]byte, error) {
		return dotnet.GeneratePackage("pulumi-language-dotnet", p, nil, nil)
	},
}
