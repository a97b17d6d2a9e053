/**
 * The complete surface the package needs from AWS, one interface per service. Lifecycles depend on this alone;
 * `createAwsApi` builds it over the AWS SDK, and tests substitute a fake.
 */
import type { FeatureName } from "../core/features";

export interface FeatureState {
  organizationId: string;
  /** Sorted. */
  enabledFeatures: FeatureName[];
}

/** What the provider needs to know about the organization the credentials reach. */
export interface OrganizationInfo {
  id: string;
  managementAccountId: string;
  featureSet: string;
}

/** What GetAccountSummary says of an account's root user: which kinds of credential it has. */
export interface RootUserSummary {
  password: boolean;
  accessKeys: boolean;
  signingCertificates: boolean;
  mfaDevices: boolean;
}

/** IAM's centralized root access features, and the caller's own account. */
export interface IamApi {
  listFeatures(): Promise<FeatureState>;
  /** The root user of the caller's own account (how the management account's root user is seen). */
  accountSummary(): Promise<RootUserSummary>;
  /** Enables or disables one feature and returns the state AWS reports after the call. */
  setFeature(feature: FeatureName, enabled: boolean): Promise<FeatureState>;
}

/** An account of the organization, as ListAccounts reports it. */
export interface AccountInfo {
  id: string;
  name: string;
  /** ACTIVE, SUSPENDED or PENDING_CLOSURE. */
  status: string;
}

/** AWS Organizations: the organization, its accounts, trusted access and delegated administrators. Lists are read to the end. */
export interface OrganizationsApi {
  describeOrganization(): Promise<OrganizationInfo>;
  /** @param onPage given each page of accounts as it arrives */
  listAccounts(onPage?: (accounts: AccountInfo[]) => void): Promise<AccountInfo[]>;
  /** Service principals with trusted access. */
  listTrustedServices(): Promise<string[]>;
  setTrustedAccess(servicePrincipal: string, enabled: boolean): Promise<void>;
  /** Account IDs registered as delegated administrators for the service principal. */
  listDelegatedAdministrators(servicePrincipal: string): Promise<string[]>;
  setDelegatedAdministrator(accountId: string, servicePrincipal: string, registered: boolean): Promise<void>;
}

/** STS. */
export interface StsApi {
  /** The account the credentials belong to (GetCallerIdentity, which needs no permission). */
  callerAccountId(): Promise<string>;
}

/** The AWS-managed root-task policies the package uses. */
export type RootTask =
  | "IAMAuditRootUserCredentials"
  | "IAMDeleteRootUserCredentials"
  | "IAMCreateRootUserPassword"
  | "S3UnlockBucketPolicy"
  | "SQSUnlockQueuePolicy";

/** When a root access key was last used. */
export interface LastUsed {
  date: string;
  service: string;
  region: string;
}

/** The member account's root user, as a root session sees it (IAM calls made without `UserName`). */
export interface RootUserApi {
  /** What GetAccountSummary says is present. */
  summary(): Promise<RootUserSummary>;
  /** Whether the root user has a login profile (a password, or a password-less profile that allows recovery). */
  loginProfileExists(): Promise<boolean>;
  /** A password-less login profile, so the account owner can use "forgot password". */
  createLoginProfile(): Promise<void>;
  deleteLoginProfile(): Promise<void>;
  accessKeys(): Promise<string[]>;
  accessKeyLastUsed(accessKeyId: string): Promise<LastUsed | undefined>;
  deleteAccessKey(accessKeyId: string): Promise<void>;
  signingCertificates(): Promise<string[]>;
  deleteSigningCertificate(certificateId: string): Promise<void>;
  /** MFA device serial numbers. */
  mfaDevices(): Promise<string[]>;
  deactivateMfaDevice(serialNumber: string): Promise<void>;
}

/** A bucket, as ListBuckets reports it. */
export interface BucketSummary {
  name: string;
  region: string;
}

/** A member account's buckets and their policies, as an S3UnlockBucketPolicy root session reaches them. */
export interface BucketPolicyApi {
  listBuckets(): Promise<BucketSummary[]>;
  /** The bucket's policy document; undefined when it has none. */
  bucketPolicy(bucket: string): Promise<string | undefined>;
  deleteBucketPolicy(bucket: string): Promise<void>;
}

/** A member account's queues and their policies, as an SQSUnlockQueuePolicy root session reaches them. */
export interface QueuePolicyApi {
  /** Queue URLs of the session's region. */
  listQueues(): Promise<string[]>;
  queueUrl(name: string): Promise<string>;
  /** The queue's `Policy` attribute; undefined when it has none. */
  queuePolicy(queueUrl: string): Promise<string | undefined>;
  /** Sets the `Policy` attribute to empty: SQS's way to remove a queue policy. */
  removeQueuePolicy(queueUrl: string): Promise<void>;
}

/** What a root session can do, by its task. */
export interface TaskApis {
  IAMAuditRootUserCredentials: RootUserApi;
  IAMDeleteRootUserCredentials: RootUserApi;
  IAMCreateRootUserPassword: RootUserApi;
  S3UnlockBucketPolicy: BucketPolicyApi;
  SQSUnlockQueuePolicy: QueuePolicyApi;
}

/** Short-lived root sessions in member accounts (STS AssumeRoot), one account and one task each. */
export interface RootSessionsApi {
  /** Runs `work` in a fresh root session; its credentials never leave this call. */
  withRootSession<K extends RootTask, T>(accountId: string, task: K, work: (session: TaskApis[K]) => Promise<T>): Promise<T>;
}

/** Everything the package calls in AWS, for one set of connection settings. */
export interface AwsApi {
  /** Which connection this is (settings and endpoints, never a credential), to share read-only facts within a run. */
  readonly scope: string;
  iam: IamApi;
  organizations: OrganizationsApi;
  sts: StsApi;
  rootSessions: RootSessionsApi;
}
