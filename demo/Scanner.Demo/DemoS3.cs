namespace Scanner.Demo;

/// <summary>
/// The one S3 call the demo needs: the organization trail's bucket, which moto's CreateTrail requires to exist.
/// S3 speaks REST-XML, which our protocol client does not; and a restJson-style PUT /{Bucket} sends a "{}" body
/// that moto's S3 rejects (500). An unsigned PUT with an empty body is what moto accepts: it routes an unsigned
/// request by path to S3 and files the bucket under the default account, the management account, where the trail is.
/// Emulator-only tooling: real S3 would refuse an unsigned request.
/// </summary>
internal static class DemoS3
{
    public static async Task CreateBucketAsync(string endpoint, string bucket, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var content = new ByteArrayContent([]);
        using var response = await http.PutAsync(new Uri($"{endpoint.TrimEnd('/')}/{bucket}"), content, ct);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new InvalidOperationException($"S3 CreateBucket {bucket} failed: {(int)response.StatusCode} {body}");
        }
    }
}
