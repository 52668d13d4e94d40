namespace Scanner.Testing.Inventory;

/// <summary>
/// SCP documents as AWS publishes them, copied from its documentation (sources beside each). Only placeholders AWS asks
/// the reader to fill are filled, and each such change is said.
/// </summary>
public static class RealWorldPolicies
{
    /// <summary>The AWS managed policy Organizations attaches to the root, every OU and every account by default.</summary>
    public const string FullAwsAccess = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "*",
              "Resource": "*"
            }
          ]
        }
        """;

    /// <summary>
    /// AWS Organizations user guide, SCP general examples, "Deny access to AWS based on the requested AWS Region"
    /// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region).
    /// </summary>
    public const string AwsRegionDeny = """
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "DenyAllOutsideEU",
                    "Effect": "Deny",
                    "NotAction": [
                        "a4b:*",
                        "acm:*",
                        "aws-marketplace-management:*",
                        "aws-marketplace:*",
                        "aws-portal:*",
                        "budgets:*",
                        "ce:*",
                        "chime:*",
                        "cloudfront:*",
                        "config:*",
                        "cur:*",
                        "directconnect:*",
                        "ec2:DescribeRegions",
                        "ec2:DescribeTransitGateways",
                        "ec2:DescribeVpnGateways",
                        "fms:*",
                        "globalaccelerator:*",
                        "health:*",
                        "iam:*",
                        "importexport:*",
                        "kms:*",
                        "mobileanalytics:*",
                        "networkmanager:*",
                        "organizations:*",
                        "pricing:*",
                        "route53:*",
                        "route53domains:*",
                        "s3:GetAccountPublic*",
                        "s3:ListAllMyBuckets",
                        "s3:PutAccountPublic*",
                        "shield:*",
                        "sts:*",
                        "support:*",
                        "supportplans:*",
                        "trustedadvisor:*",
                        "waf-regional:*",
                        "waf:*",
                        "wafv2:*",
                        "wellarchitected:*"
                    ],
                    "Resource": "*",
                    "Condition": {
                        "StringNotEquals": {
                            "aws:RequestedRegion": [
                                "eu-central-1",
                                "eu-west-1"
                            ]
                        },
                        "ArnNotLike": {
                            "aws:PrincipalARN": [
                                "arn:aws:iam::*:role/Role1AllowedToBypassThisSCP",
                                "arn:aws:iam::*:role/Role2AllowedToBypassThisSCP"
                            ]
                        }
                    }
                }
            ]
        }
        """;

    /// <summary>
    /// AWS Control Tower controls reference, "Deny access to AWS based on the requested AWS Region" (AWS-GR_REGION_DENY,
    /// https://docs.aws.amazon.com/controltower/latest/controlreference/primary-region-deny-policy.html). The published
    /// document leaves aws:RequestedRegion empty for Control Tower to fill with the governed Regions; here it holds
    /// us-east-1 and eu-west-1.
    /// </summary>
    public const string ControlTowerRegionDeny = """
        {
         "Version":"2012-10-17",
         "Statement": [
         {
         "Sid": "GRREGIONDENY",
         "Effect": "Deny",
         "NotAction": [
         "a4b:*", "access-analyzer:*", "account:*", "acm:*", "activate:*", "artifact:*", "aws-marketplace-management:*",
         "aws-marketplace:*", "aws-portal:*", "billing:*", "billingconductor:*", "budgets:*", "ce:*", "chatbot:*", "chime:*",
         "cloudfront:*", "cloudtrail:LookupEvents", "compute-optimizer:*", "config:*", "consoleapp:*", "consolidatedbilling:*",
         "cur:*", "datapipeline:GetAccountLimits", "devicefarm:*", "directconnect:*", "ec2:DescribeRegions",
         "ec2:DescribeTransitGateways", "ec2:DescribeVpnGateways", "ecr-public:*", "fms:*", "freetier:*", "globalaccelerator:*",
         "health:*", "iam:*", "importexport:*", "invoicing:*", "iq:*", "kms:*", "license-manager:ListReceivedLicenses",
         "lightsail:Get*", "mobileanalytics:*", "networkmanager:*", "notifications-contacts:*", "notifications:*",
         "organizations:*", "payments:*", "pricing:*", "quicksight:DescribeAccountSubscription", "resource-explorer-2:*",
         "route53-recovery-cluster:*", "route53-recovery-control-config:*", "route53-recovery-readiness:*", "route53:*",
         "route53domains:*", "s3:CreateMultiRegionAccessPoint", "s3:DeleteMultiRegionAccessPoint",
         "s3:DescribeMultiRegionAccessPointOperation", "s3:GetAccountPublicAccessBlock", "s3:GetBucketLocation",
         "s3:GetBucketPolicyStatus", "s3:GetBucketPublicAccessBlock", "s3:GetMultiRegionAccessPoint",
         "s3:GetMultiRegionAccessPointPolicy", "s3:GetMultiRegionAccessPointPolicyStatus", "s3:GetStorageLensConfiguration",
         "s3:GetStorageLensDashboard", "s3:ListAllMyBuckets", "s3:ListMultiRegionAccessPoints",
         "s3:ListStorageLensConfigurations", "s3:PutAccountPublicAccessBlock", "s3:PutMultiRegionAccessPointPolicy",
         "savingsplans:*", "shield:*", "sso:*", "sts:*", "support:*", "supportapp:*", "supportplans:*", "sustainability:*",
         "tag:GetResources", "tax:*", "trustedadvisor:*", "vendor-insights:ListEntitledSecurityProfiles", "waf-regional:*",
         "waf:*", "wafv2:*"
         ],
         "Resource": "*",
         "Condition": {
         "StringNotEquals": {
         "aws:RequestedRegion": ["us-east-1", "eu-west-1"]
         },
         "ArnNotLike": {
         "aws:PrincipalARN": [
         "arn:aws:iam::*:role/AWSControlTowerExecution"
         ]
         }
         }
         }
         ]
        }
        """;

    /// <summary>
    /// AWS Control Tower mandatory control "Disallow configuration changes to CloudTrail" (GRCLOUDTRAILENABLED): the
    /// trails Control Tower made are protected from everyone but its execution role.
    /// </summary>
    public const string ControlTowerCloudTrailProtection = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Condition": {
                "ArnNotLike": {
                  "aws:PrincipalARN": "arn:aws:iam::*:role/AWSControlTowerExecution"
                }
              },
              "Action": [
                "cloudtrail:DeleteTrail",
                "cloudtrail:PutEventSelectors",
                "cloudtrail:StopLogging",
                "cloudtrail:UpdateTrail"
              ],
              "Resource": [
                "arn:aws:cloudtrail:*:*:trail/aws-controltower-*"
              ],
              "Effect": "Deny",
              "Sid": "GRCLOUDTRAILENABLED"
            }
          ]
        }
        """;

    /// <summary>
    /// AWS Organizations SCP examples, "Prevent IAM users and roles from making specified changes, with an exception for a
    /// specified admin role", with CloudTrail's four changing actions in place of the example's IAM actions and every
    /// trail as the resource.
    /// </summary>
    public const string CloudTrailProtectionWithBreakGlass = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "DenyCloudTrailChangesWithException",
              "Effect": "Deny",
              "Action": [
                "cloudtrail:StopLogging",
                "cloudtrail:DeleteTrail",
                "cloudtrail:UpdateTrail",
                "cloudtrail:PutEventSelectors"
              ],
              "Resource": [
                "*"
              ],
              "Condition": {
                "StringNotLike": {
                  "aws:PrincipalARN":"arn:aws:iam::*:role/name-of-admin-role-to-allow"
                }
              }
            }
          ]
        }
        """;

    /// <summary>AWS Organizations SCP examples, "Prevent member accounts from leaving the organization".</summary>
    public const string DenyLeaveOrganization = """
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Deny",
                    "Action": [
                        "organizations:LeaveOrganization"
                    ],
                    "Resource": "*"
                }
            ]
        }
        """;

    /// <summary>AWS Organizations SCP examples, "Require MFA to perform an API action": a key the scanner cannot know.</summary>
    public const string RequireMfaToStop = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "DenyStopAndTerminateWhenMFAIsNotPresent",
              "Effect": "Deny",
              "Action": [
                "ec2:StopInstances",
                "ec2:TerminateInstances"
              ],
              "Resource": "*",
              "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": false}}
            }
          ]
        }
        """;

    /// <summary>AWS Organizations SCP examples, "Block service access for the root user": aimed at the root user only.</summary>
    public const string RestrictEc2ForRoot = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "RestrictEC2ForRoot",
              "Effect": "Deny",
              "Action": [
                "ec2:*"
              ],
              "Resource": [
                "*"
              ],
              "Condition": {
                "StringLike": {
                  "aws:PrincipalArn": [
                    "arn:aws:iam::*:root"
                  ]
                }
              }
            }
          ]
        }
        """;
}
