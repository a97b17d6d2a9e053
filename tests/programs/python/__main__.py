"""The scenarios of tests/e2e/sdk-languages.e2e.spec.ts, declared with the generated Python SDK.

The stack's configuration names the scenario (`scenario`) and the values it needs, so that one program serves every
test; tests/programs/go/main.go declares the same scenarios with the Go SDK.
"""
import pulumi
import pulumi_aws_root_access as root_access

config = pulumi.Config()
scenario = config.require("scenario")
BOTH = [root_access.Feature.ROOT_CREDENTIALS_MANAGEMENT, root_access.Feature.ROOT_SESSIONS]

if scenario == "features":
    features = root_access.OrganizationsFeatures("features", enabled_features=BOTH)
    pulumi.export("enabledFeatures", features.enabled_features)
elif scenario == "member":
    root_access.MemberRootCredentials("clean", account_id=config.require("accountId"))
elif scenario == "centralized":
    root = root_access.CentralizedRootAccess(
        "root", delegated_administrator_account_id=config.require("delegatedAdministratorAccountId")
    )
    pulumi.export("enabledFeatures", root.enabled_features)
elif scenario == "bad-input":
    # Eleven digits: the provider's check refuses it before any AWS call.
    root_access.MemberRootCredentials("clean", account_id="12345678901")
elif scenario == "secret-role":
    root_access.RootSessions("sessions", role_arn=pulumi.Output.secret(config.require("roleArn")))
else:
    raise ValueError(f"unknown scenario {scenario!r}")
