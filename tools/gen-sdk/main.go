// Command gen-sdk writes the Python and Go SDKs of the aws-root-access package from schema.json, with Pulumi's own
// code generators at the CLI's release (this module's go.mod pins them). It needs no language host and no network:
// the schema refers to no other package, and the loader refuses to load one.
//
//	go run . -schema ../../schema.json -out ../../sdk
//
// writes <out>/python and <out>/go, replacing every file the generators own and keeping the hand-written README.md of
// each SDK. `npm run gen:sdk` runs it; tests/unit/sdk/generated.spec.ts fails when the checked-in SDKs differ from a
// fresh generation.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"golang.org/x/mod/modfile"
)

const tool = "pulumi-aws-root-access gen-sdk"

// handWritten are the files of an SDK directory that the generators do not own.
var handWritten = map[string]bool{"README.md": true}

// tidied are written by `go mod tidy` after generation, not by the generators.
var tidied = map[string]bool{"go.sum": true}

// noOtherPackages refuses every package but the one being generated: the SDKs must not depend on a schema fetched
// from elsewhere.
type noOtherPackages struct{}

func (noOtherPackages) refuse(name string) error {
	return fmt.Errorf("the schema refers to package %q; gen-sdk loads no other package", name)
}

func (l noOtherPackages) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, l.refuse(pkg)
}

func (l noOtherPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, l.refuse(d.Name)
}

func (l noOtherPackages) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, l.refuse(pkg)
}

func (l noOtherPackages) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, l.refuse(d.Name)
}

// bind reads and binds the schema; each generator gets its own binding, since each imports its language's options.
func bind(schemaPath string) (*schema.Package, error) {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return nil, fmt.Errorf("%s: %w", schemaPath, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noOtherPackages{}, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s: %s", schemaPath, diags.Error())
	}
	return pkg, nil
}

// pulumiSDKVersion is the version of github.com/pulumi/pulumi/sdk/v3 this program is built with: the CLI's, which the
// Go SDK requires (the generator's own default lags behind it).
func pulumiSDKVersion() (string, error) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "", fmt.Errorf("no build information in this binary")
	}
	for _, dep := range info.Deps {
		if dep.Path == "github.com/pulumi/pulumi/sdk/v3" {
			return dep.Version, nil
		}
	}
	return "", fmt.Errorf("github.com/pulumi/pulumi/sdk/v3 is not among this binary's dependencies")
}

// requireSDK rewrites the generated go.mod to require the CLI's Pulumi SDK.
func requireSDK(goMod []byte, version string) ([]byte, error) {
	file, err := modfile.Parse("go.mod", goMod, nil)
	if err != nil {
		return nil, err
	}
	if err := file.AddRequire("github.com/pulumi/pulumi/sdk/v3", version); err != nil {
		return nil, err
	}
	return file.Format()
}

// replaceGenerated makes dir hold exactly files, apart from the hand-written ones, and reports what it wrote.
func replaceGenerated(dir string, files map[string][]byte) error {
	if err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if os.IsNotExist(err) || d == nil || d.IsDir() {
			return nil
		}
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if _, kept := files[rel]; !kept && !handWritten[rel] && !tidied[rel] {
			return os.Remove(path)
		}
		return nil
	}); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if handWritten[name] {
			return fmt.Errorf("the generator wrote %s, which is hand-written here", name)
		}
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "wrote %d files to %s\n", len(names), dir)
	return nil
}

func generatePython(schemaPath string) (map[string][]byte, error) {
	pkg, err := bind(schemaPath)
	if err != nil {
		return nil, err
	}
	return python.GeneratePackage(tool, pkg, nil, noOtherPackages{})
}

func generateGo(schemaPath string) (map[string][]byte, error) {
	pkg, err := bind(schemaPath)
	if err != nil {
		return nil, err
	}
	files, err := gogen.GeneratePackage(tool, pkg, nil)
	if err != nil {
		return nil, err
	}
	version, err := pulumiSDKVersion()
	if err != nil {
		return nil, err
	}
	goMod, ok := files["go.mod"]
	if !ok {
		return nil, fmt.Errorf("the Go generator wrote no go.mod; the schema needs meta.supportPack")
	}
	if files["go.mod"], err = requireSDK(goMod, version); err != nil {
		return nil, err
	}
	for name, content := range files {
		// gofmt's output is what the generator means; trailing blank lines are not.
		if strings.HasSuffix(name, ".go") {
			files[name] = append(bytes.TrimRight(content, "\n"), '\n')
		}
	}
	return files, nil
}

// tidy completes the Go module with its go.sum and indirect requirements, so that it builds with -mod=readonly.
func tidy(dir string) error {
	cmd := exec.Command("go", "mod", "tidy")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go mod tidy in %s: %w", dir, err)
	}
	return nil
}

func main() {
	schemaPath := flag.String("schema", "schema.json", "the package schema")
	out := flag.String("out", "sdk", "the directory of the SDKs; <out>/python and <out>/go are replaced")
	flag.Parse()

	for _, sdk := range []struct {
		dir      string
		generate func(string) (map[string][]byte, error)
		finish   func(dir string) error
	}{{"python", generatePython, nil}, {"go", generateGo, tidy}} {
		dir := filepath.Join(*out, sdk.dir)
		files, err := sdk.generate(*schemaPath)
		if err == nil {
			err = replaceGenerated(dir, files)
		}
		if err == nil && sdk.finish != nil {
			err = sdk.finish(dir)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "gen-sdk: %s SDK: %v\n", sdk.dir, err)
			os.Exit(1)
		}
	}
}
