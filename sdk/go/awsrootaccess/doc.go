// Manage AWS IAM centralized root access for an AWS Organization: its features, their prerequisites and member accounts' root credentials.
package awsrootaccess
