// Command sdk-program declares the scenarios of tests/e2e/sdk-languages.e2e.spec.ts with the generated Go SDK, as
// tests/programs/python/__main__.py does with the Python SDK. No Go language host can be built from the modules this
// project may use, so the program runs inline through the Automation API: the real CLI runs the operation, and this
// process serves the program to it.
//
//	sdk-program up|preview|refresh|destroy [--diff] [--expect-no-changes] [--stack NAME] ...
//
// It runs in the project's directory (its Pulumi.yaml and Pulumi.<stack>.yaml), takes the CLI's argument shape, and
// prints what the CLI prints; it exits 1 when the operation fails.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/pulumi-aws-root-access/pulumi-aws-root-access/sdk/go/awsrootaccess"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

var both = awsrootaccess.FeatureArray{awsrootaccess.FeatureRootCredentialsManagement, awsrootaccess.FeatureRootSessions}

// declare is the program: the scenario named by the stack's configuration.
func declare(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	switch scenario := cfg.Require("scenario"); scenario {
	case "features":
		features, err := awsrootaccess.NewOrganizationsFeatures(ctx, "features",
			&awsrootaccess.OrganizationsFeaturesArgs{EnabledFeatures: both})
		if err != nil {
			return err
		}
		ctx.Export("enabledFeatures", features.EnabledFeatures)
	case "member":
		_, err := awsrootaccess.NewMemberRootCredentials(ctx, "clean",
			&awsrootaccess.MemberRootCredentialsArgs{AccountId: pulumi.String(cfg.Require("accountId"))})
		return err
	case "centralized":
		root, err := awsrootaccess.NewCentralizedRootAccess(ctx, "root", &awsrootaccess.CentralizedRootAccessArgs{
			DelegatedAdministratorAccountId: pulumi.String(cfg.Require("delegatedAdministratorAccountId")),
		})
		if err != nil {
			return err
		}
		ctx.Export("enabledFeatures", root.EnabledFeatures)
	case "bad-input":
		// Eleven digits: the provider's check refuses it before any AWS call.
		_, err := awsrootaccess.NewMemberRootCredentials(ctx, "clean",
			&awsrootaccess.MemberRootCredentialsArgs{AccountId: pulumi.String("12345678901")})
		return err
	case "secret-role":
		_, err := awsrootaccess.NewRootSessions(ctx, "sessions",
			&awsrootaccess.RootSessionsArgs{RoleArn: pulumi.ToSecret(pulumi.String(cfg.Require("roleArn"))).(pulumi.StringOutput)})
		return err
	default:
		return fmt.Errorf("unknown scenario %q", scenario)
	}
	return nil
}

// flags are the CLI arguments this driver understands; the rest (--yes, --skip-preview, --non-interactive) are what
// the Automation API does anyway.
type flags struct {
	stack           string
	diff            bool
	expectNoChanges bool
}

func parse(args []string) (flags, error) {
	f := flags{stack: "test"}
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "--stack":
			if i+1 == len(args) {
				return f, fmt.Errorf("--stack needs a value")
			}
			i++
			f.stack = args[i]
		case "--diff":
			f.diff = true
		case "--expect-no-changes":
			f.expectNoChanges = true
		case "--yes", "--skip-preview", "--non-interactive":
		default:
			return f, fmt.Errorf("sdk-program does not take %s", args[i])
		}
	}
	return f, nil
}

func run(ctx context.Context, operation string, f flags) error {
	dir, err := os.Getwd()
	if err != nil {
		return err
	}
	stack, err := auto.SelectStackInlineSource(ctx, f.stack, "", declare, auto.WorkDir(dir))
	if err != nil {
		return err
	}
	out, errs := os.Stdout, os.Stderr
	switch operation {
	case "up":
		_, err = stack.Up(ctx, optup.ProgressStreams(out), optup.ErrorProgressStreams(errs))
	case "preview":
		opts := []optpreview.Option{optpreview.ProgressStreams(out), optpreview.ErrorProgressStreams(errs)}
		if f.diff {
			opts = append(opts, optpreview.Diff())
		}
		if f.expectNoChanges {
			opts = append(opts, optpreview.ExpectNoChanges())
		}
		_, err = stack.Preview(ctx, opts...)
	case "refresh":
		_, err = stack.Refresh(ctx, optrefresh.ProgressStreams(out), optrefresh.ErrorProgressStreams(errs))
	case "destroy":
		_, err = stack.Destroy(ctx, optdestroy.ProgressStreams(out), optdestroy.ErrorProgressStreams(errs))
	default:
		return fmt.Errorf("sdk-program runs up, preview, refresh or destroy, not %q", operation)
	}
	return err
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: sdk-program up|preview|refresh|destroy [CLI flags]")
		os.Exit(2)
	}
	f, err := parse(os.Args[2:])
	if err == nil {
		err = run(context.Background(), os.Args[1], f)
	}
	if err != nil {
		// To stderr: the CLI's output has been streamed to stdout already, and the error repeats it.
		fmt.Fprintf(os.Stderr, "sdk-program %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}
