//go:build tools

// Pins the YAML language host, built by scripts/setup-pulumi.sh.
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
