// Command pulumi-codegen writes a Pulumi package's SDK for one language with Pulumi's own code
// generators, the ones `pulumi package gen-sdk` reaches through each language host. It exists
// because the language hosts of Python, Go, Node.js, .NET and Java cannot be built here (the Go
// module proxy refuses their modules), while the generators themselves are served as library
// packages. Only the glue is here (this file: read the schema, bind it, call the generator,
// write files); generators.go names the generators. tools/pulumi-codegen-java links this file
// and names the Java generator, which needs an older pkg/v3.
//
//	pulumi-codegen -schema plugin/schema.json -language python -out sdk/python
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// noReferences refuses every package reference: the schema is self-contained, so a generator
// asking for another package means the schema changed and this tool must learn about it.
type noReferences struct{}

func (noReferences) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %q; pulumi-codegen loads no other package", name)
}

func (n noReferences) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return n.LoadPackage(d.Name, nil)
}

func (n noReferences) LoadPackageReference(name string, v *semver.Version) (schema.PackageReference, error) {
	_, err := n.LoadPackage(name, v)
	return nil, err
}

func (n noReferences) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	_, err := n.LoadPackage(d.Name, nil)
	return nil, err
}

// offline answers the one download a generator makes (the .NET generator fetches the package's
// logo over HTTP, from GitHub when the schema has no logoUrl) with a logo drawn here, and refuses
// every other request, so generating an SDK never depends on the network.
type offline struct{}

func (offline) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method != http.MethodGet || !bytes.HasSuffix([]byte(r.URL.Path), []byte(".png")) {
		return nil, fmt.Errorf("pulumi-codegen makes no network request (asked for %s)", r.URL)
	}
	body, err := drawnLogo()
	if err != nil {
		return nil, err
	}
	return &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": {"image/png"}},
		Body:       io.NopCloser(bytes.NewReader(body)),
		Request:    r,
	}, nil
}

// drawnLogo is a 64x64 PNG in Tencent Cloud's blue, the size the .NET generator's default has.
func drawnLogo() ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, color.RGBA{R: 0x00, G: 0x6e, B: 0xff, A: 0xff})
		}
	}
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}

func main() {
	http.DefaultTransport = offline{}
	http.DefaultClient.Transport = offline{}
	schemaPath := flag.String("schema", "", "the package schema (JSON)")
	language := flag.String("language", "", "a language generators.go names")
	out := flag.String("out", "", "the folder to write the SDK into (emptied first)")
	flag.Parse()
	if err := generate(*schemaPath, *language, *out); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-codegen: %v\n", err)
		os.Exit(1)
	}
}

func generate(schemaPath, language, out string) error {
	gen, ok := generators[language]
	if !ok {
		names := make([]string, 0, len(generators))
		for n := range generators {
			names = append(names, n)
		}
		sort.Strings(names)
		return fmt.Errorf("-language %q is not one of %v", language, names)
	}
	if schemaPath == "" || out == "" {
		return errors.New("-schema and -out are required")
	}
	text, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(text, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	// BindSpec validates against Pulumi's metaschema, as gen-sdk does: a schema gen-sdk would
	// refuse is refused here too, with the same diagnostics.
	pkg, diags, err := schema.BindSpec(spec, noReferences{}, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return fmt.Errorf("%s does not bind: %s", schemaPath, diags.Error())
	}
	files, err := gen(pkg)
	if err != nil {
		return fmt.Errorf("%s generator: %w", language, err)
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	for name, data := range files {
		target := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("wrote %d files into %s\n", len(files), out)
	return nil
}
