import type * as pulumi from "@pulumi/pulumi";

/**
 * Where and as whom the provider calls AWS, and which organization it may act on. All optional: by default the
 * AWS SDK's credential and endpoint chains decide (environment, `AWS_PROFILE`, SSO, instance roles,
 * `AWS_ENDPOINT_URL_IAM`), after the stack's `aws:region` and `aws:profile`. None of these is a secret. They are
 * recorded in state for refresh and destroy, so changing only them is an update that changes nothing in AWS.
 */
export interface ConnectionArgs {
  /**
   * The organization this resource must act on (`o-` followed by 10-32 lowercase letters or digits). When set, the
   * provider refuses to change anything if the credentials reach a different organization.
   */
  organizationId?: pulumi.Input<string>;
  /** AWS Region for the IAM endpoint; IAM is global, so this only selects the partition. Default: the SDK's chain, else us-east-1. */
  region?: pulumi.Input<string>;
  /** A named profile from the shared AWS config files. */
  profile?: pulumi.Input<string>;
  /** An IAM role to assume before calling IAM, e.g. the management account's admin role. */
  roleArn?: pulumi.Input<string>;
}
