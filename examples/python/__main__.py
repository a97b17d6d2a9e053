"""Centralized root access for an AWS Organization, from Python (see Pulumi.yaml)."""
import pulumi
import pulumi_aws_root_access as root_access

config = pulumi.Config()

# Both features, their prerequisites first (trusted access, a delegated administrator).
root = root_access.CentralizedRootAccess(
    "root", delegated_administrator_account_id=config.require("delegatedAdministratorAccountId")
)

# Every ACTIVE member account without root access keys or signing certificates, kept that way.
members = root_access.OrganizationRootCredentials(
    "members",
    remove=[root_access.RootCredentialKind.ACCESS_KEYS, root_access.RootCredentialKind.SIGNING_CERTIFICATES],
    opts=pulumi.ResourceOptions(depends_on=[root]),
)

pulumi.export("enabledFeatures", root.enabled_features)
pulumi.export("memberAccounts", members.account_ids)
