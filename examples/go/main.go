// Centralized root access for an AWS Organization, from Go (see Pulumi.yaml).
package main

import (
	"github.com/pulumi-aws-root-access/pulumi-aws-root-access/sdk/go/awsrootaccess"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		// Both features, their prerequisites first (trusted access, a delegated administrator).
		root, err := awsrootaccess.NewCentralizedRootAccess(ctx, "root", &awsrootaccess.CentralizedRootAccessArgs{
			DelegatedAdministratorAccountId: pulumi.String(config.Require(ctx, "delegatedAdministratorAccountId")),
		})
		if err != nil {
			return err
		}
		// Every ACTIVE member account without root access keys or signing certificates, kept that way.
		members, err := awsrootaccess.NewOrganizationRootCredentials(ctx, "members",
			&awsrootaccess.OrganizationRootCredentialsArgs{
				Remove: awsrootaccess.RootCredentialKindArray{
					awsrootaccess.RootCredentialKindAccessKeys,
					awsrootaccess.RootCredentialKindSigningCertificates,
				},
			}, pulumi.DependsOn([]pulumi.Resource{root}))
		if err != nil {
			return err
		}
		ctx.Export("enabledFeatures", root.EnabledFeatures)
		ctx.Export("memberAccounts", members.AccountIds)
		return nil
	})
}
