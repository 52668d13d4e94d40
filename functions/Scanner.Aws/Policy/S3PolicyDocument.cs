using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Scanner.Aws.Errors;
using Scanner.Core.Policy;

namespace Scanner.Aws.Policy;

/// <summary>
/// The policy document in S3, read with the same loader and validation as a file (<see cref="PolicyLoader.Parse"/>).
/// Each <see cref="LoadAsync"/> is a conditional GET on the ETag last read (If-None-Match): 304 keeps the policy
/// already parsed, so a warm function applies a replaced object at its next invocation without a redeploy, and an
/// unchanged one costs one small request. A document that does not parse is never kept: every load fails, naming
/// the field and line, until the object is fixed.
/// </summary>
public sealed class S3PolicyDocument(IAmazonS3 s3, PolicyUri uri) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string ETag, ScanPolicy Policy)? _current;

    public PolicyUri Uri => uri;

    /// <summary>How many times the object's content was read and parsed (a 304 does not count).</summary>
    public int Reads { get; private set; }

    /// <summary>The policy the object holds now.</summary>
    /// <exception cref="PolicyException">The document is not a valid policy; every problem is listed with its field and line.</exception>
    /// <exception cref="AwsServiceException">The object could not be read (missing, access denied, S3 unreachable).</exception>
    public async Task<ScanPolicy> LoadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var request = new GetObjectRequest { BucketName = uri.Bucket, Key = uri.Key, EtagToNotMatch = _current?.ETag };
            GetObjectResponse response;
            try
            {
                response = await s3.GetObjectAsync(request, cancellationToken);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotModified && _current is { } kept)
            {
                return kept.Policy;
            }
            catch (Exception e) when (AwsServiceException.IsCallFailure(e, cancellationToken))
            {
                throw AwsServiceException.From(e, "S3", "GetObject");
            }

            using (response)
            {
                if (response.HttpStatusCode == HttpStatusCode.NotModified && _current is { } kept)
                {
                    return kept.Policy;
                }

                using var reader = new StreamReader(response.ResponseStream);
                var text = await reader.ReadToEndAsync(cancellationToken);
                Reads++;
                var policy = PolicyLoader.Parse(text, uri.ToString());
                _current = (response.ETag, policy);
                return policy;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>An S3 client for the scanner's environment (path-style addressing when an endpoint such as moto is set).</summary>
    public static AmazonS3Client Client(Sessions.AwsEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var config = Sessions.OfficialClients.Configure(new AmazonS3Config(), environment.Region, environment.EndpointUrl);
        config.ForcePathStyle = !string.IsNullOrWhiteSpace(environment.EndpointUrl);
        return new AmazonS3Client(environment.Credentials, config);
    }
}
