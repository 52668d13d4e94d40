using System.Net;
using Amazon.Runtime;

namespace Scanner.Aws.Errors;

/// <summary>
/// Every AWS failure, from our protocol clients and the official ones alike, as one type that carries
/// service, operation, error code, HTTP status and request id. Never carries credentials.
/// </summary>
public sealed class AwsServiceException : Exception
{
    public AwsServiceException(string service, string operation, string errorCode, int statusCode, string? requestId, string message, Exception? inner = null)
        : base($"{service} {operation} failed: {errorCode} ({statusCode}): {message}", inner)
    {
        Service = service;
        Operation = operation;
        ErrorCode = errorCode;
        StatusCode = statusCode;
        RequestId = requestId;
        ErrorMessage = message;
        Kind = Classify(errorCode, statusCode);
    }

    public string Service { get; }
    public string Operation { get; }
    public string ErrorCode { get; }
    public int StatusCode { get; }
    public string? RequestId { get; }

    /// <summary>The service's own message, without our prefix.</summary>
    public string ErrorMessage { get; }

    public AwsErrorKind Kind { get; }

    public static AwsServiceException From(AmazonServiceException e, string service, string operation)
        => new(service, operation, string.IsNullOrEmpty(e.ErrorCode) ? e.StatusCode.ToString() : e.ErrorCode, (int)e.StatusCode, e.RequestId, e.Message, e);

    /// <summary>
    /// Whether <paramref name="e"/>, thrown by an AWS call, is a failure of that call (an error answer, or no answer: the
    /// connection refused or reset, the request timed out) rather than the caller's own cancellation. An SDK timeout
    /// surfaces as a cancellation too, so only a cancelled <paramref name="cancellationToken"/> makes it the caller's; a
    /// timeout let through raw would end the whole organization's scan instead of leaving a gap in one account.
    /// </summary>
    public static bool IsCallFailure(Exception e, CancellationToken cancellationToken) =>
        e is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    /// <summary>Maps any exception an SDK call can throw (service errors, network failures) to ours.</summary>
    public static AwsServiceException From(Exception e, string service, string operation) => e switch
    {
        AwsServiceException ours => ours,
        AmazonServiceException sdk => From(sdk, service, operation),
        HttpRequestException http => new(service, operation, "ConnectionFailure", 0, null, http.Message, http),
        IOException io => new(service, operation, "ConnectionFailure", 0, null, io.Message, io),
        TaskCanceledException timeout => new(service, operation, "Timeout", 0, null, "The request timed out.", timeout),
        AmazonClientException client => new(service, operation, "ClientError", 0, null, client.Message, client),
        _ => new(service, operation, e.GetType().Name, 0, null, e.Message, e),
    };

    internal static AwsErrorKind Classify(string code, int status) => code switch
    {
        "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation" or "AuthorizationError"
            or "AuthorizationErrorException" or "UnrecognizedClientException" or "InvalidClientTokenId"
            or "ExpiredToken" or "ExpiredTokenException" or "AuthFailure" => AwsErrorKind.AccessDenied,
        "Throttling" or "ThrottlingException" or "ThrottledException" or "TooManyRequestsException"
            or "RequestLimitExceeded" or "RequestThrottled" or "RequestThrottledException"
            or "SlowDown" => AwsErrorKind.Throttling,
        "NoSuchEntity" or "ResourceNotFoundException" or "TrailNotFoundException" or "AccountNotFoundException"
            or "ChildNotFoundException" or "ParentNotFoundException" or "TargetNotFoundException" or "PolicyNotFoundException"
            or "NoSuchConfigurationRecorderException" or "ReportNotPresent" or "NotFoundException" => AwsErrorKind.NotFound,
        "InvalidAccessException" or "AWSOrganizationsNotInUseException" or "OptInRequired"
            or "SubscriptionRequiredException" or "AccessDeniedForDependencyException" => AwsErrorKind.NotEnabled,
        "ValidationException" or "InvalidParameterValue" or "InvalidParameterException" or "InvalidInputException"
            or "InvalidParameterCombination" or "MalformedQueryString" or "SerializationException" => AwsErrorKind.InvalidRequest,
        _ when status == (int)HttpStatusCode.TooManyRequests => AwsErrorKind.Throttling,
        _ when status is 403 => AwsErrorKind.AccessDenied,
        _ when status is 404 => AwsErrorKind.NotFound,
        _ when status >= 500 || status == 0 => AwsErrorKind.Unavailable,
        _ => AwsErrorKind.Other,
    };
}
