namespace Scanner.Functions.Tests.Events;

/// <summary>Events as AWS delivers them (shapes from the EventBridge, Organizations and Control Tower docs).</summary>
internal static class SampleEvents
{
    public const string Scheduled = """
        {
          "version": "0",
          "id": "89d1a02d-5ec7-412e-82f5-13505f849b41",
          "detail-type": "Scheduled Event",
          "source": "aws.events",
          "account": "123456789012",
          "time": "2025-01-07T12:00:00Z",
          "region": "us-east-1",
          "resources": ["arn:aws:events:us-east-1:123456789012:rule/org-compliance-scanner-DispatcherFunctionSchedule-ABC"],
          "detail": {}
        }
        """;

    public static string CreateAccountResult(string state, string? accountId = "210987654321", string? failureReason = null) => $$"""
        {
          "version": "0",
          "id": "3b1c6f2e-8f1c-4a52-9d2a-0c7c2f3d9a10",
          "detail-type": "AWS Service Event via CloudTrail",
          "source": "aws.organizations",
          "account": "123456789012",
          "time": "2025-01-07T19:55:18Z",
          "region": "us-east-1",
          "resources": [],
          "detail": {
            "eventVersion": "1.08",
            "userIdentity": { "accountId": "123456789012", "invokedBy": "AWS Internal" },
            "eventTime": "2025-01-07T19:55:18Z",
            "eventSource": "organizations.amazonaws.com",
            "eventName": "CreateAccountResult",
            "awsRegion": "us-east-1",
            "sourceIPAddress": "AWS Internal",
            "userAgent": "AWS Internal",
            "requestParameters": null,
            "responseElements": null,
            "eventID": "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
            "readOnly": false,
            "eventType": "AwsServiceEvent",
            "managementEvent": true,
            "recipientAccountId": "123456789012",
            "serviceEventDetails": {
              "createAccountStatus": {
                "id": "car-0a1b2c3d4e5f60718293a4b5c6d7e8f9",
                "state": "{{state}}",
                "accountName": "****",
                {{(accountId is null ? "" : $"\"accountId\": \"{accountId}\",")}}
                {{(failureReason is null ? "" : $"\"failureReason\": \"{failureReason}\",")}}
                "requestedTimestamp": "Jan 7, 2025 7:55:16 PM",
                "completedTimestamp": "Jan 7, 2025 7:55:18 PM"
              }
            },
            "eventCategory": "Management"
          }
        }
        """;

    public static string CreateManagedAccount(string state, string accountId = "345678901234") => $$"""
        {
          "version": "0",
          "id": "999cccaa-eaaa-0000-1111-123456789012",
          "detail-type": "AWS Service Event via CloudTrail",
          "source": "aws.controltower",
          "account": "123456789012",
          "time": "2025-01-07T12:09:32Z",
          "region": "eu-west-1",
          "resources": [],
          "detail": {
            "eventVersion": "1.05",
            "userIdentity": { "accountId": "123456789012", "invokedBy": "AWS Internal" },
            "eventTime": "2025-01-07T12:09:32Z",
            "eventSource": "controltower.amazonaws.com",
            "eventName": "CreateManagedAccount",
            "awsRegion": "eu-west-1",
            "sourceIPAddress": "AWS Internal",
            "userAgent": "AWS Internal",
            "requestParameters": null,
            "responseElements": null,
            "eventID": "0000000-0000-0000-1111-123456789012",
            "readOnly": false,
            "eventType": "AwsServiceEvent",
            "recipientAccountId": "123456789012",
            "serviceEventDetails": {
              "createManagedAccountStatus": {
                "organizationalUnit": { "organizationalUnitName": "Sandbox", "organizationalUnitId": "ou-abcd-12345678" },
                "account": { "accountName": "team-sandbox", "accountId": "{{accountId}}" },
                "state": "{{state}}",
                "message": "AWS Control Tower successfully created a managed account.",
                "requestedTimestamp": "2025-01-07T11:45:18+0000",
                "completedTimestamp": "2025-01-07T12:09:32+0000"
              }
            }
          }
        }
        """;

    public const string SqsBatch = """
        {
          "Records": [
            {
              "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
              "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
              "body": "{\"accountId\":\"123456789012\",\"requestedAt\":\"2025-01-07T12:00:00Z\"}",
              "attributes": {
                "ApproximateReceiveCount": "2",
                "SentTimestamp": "1545082649183",
                "SenderId": "AIDAIENQZJOLO23YVJ4VO",
                "ApproximateFirstReceiveTimestamp": "1545082649185"
              },
              "messageAttributes": {
                "reason": { "stringValue": "scheduled", "stringListValues": [], "binaryListValues": [], "dataType": "String" }
              },
              "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
              "eventSource": "aws:sqs",
              "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:org-compliance-scanner-ScanQueue-abc",
              "awsRegion": "us-east-1"
            },
            {
              "messageId": "2e1424d4-f796-459a-8184-9c92662be6da",
              "receiptHandle": "AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq...",
              "body": "not json",
              "attributes": { "ApproximateReceiveCount": "1" },
              "messageAttributes": {},
              "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
              "eventSource": "aws:sqs",
              "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:org-compliance-scanner-ScanQueue-abc",
              "awsRegion": "us-east-1"
            }
          ]
        }
        """;
}
