using System.Text;
using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>
/// Amazon S3 (restXml), only CreateBucket (PUT /{bucket}): the bucket belongs to the caller's account, which is what
/// CloudTrail's CreateTrail checks. The demo sends it unsigned (emulator tooling), so it lands in the management account.
/// </summary>
internal sealed class S3Handler(OrganizationStore store) : IServiceHandler
{
    public WireReply Handle(AwsCall call)
    {
        var bucket = call.Parameter("Bucket") ?? "";
        return store.Update(organization =>
        {
            if (organization.Accounts.Any(a => a.Buckets.Contains(bucket)))
            {
                return (organization, Error(409, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", bucket));
            }

            return (organization.WithAccount(call.Account.Id, a => a with { Buckets = [.. a.Buckets, bucket] }),
                new WireReply(200, "application/xml", []));
        });
    }

    private static WireReply Error(int status, string code, string message, string bucket)
        => new(status, "application/xml", Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{WireText.Escape(message)}</Message><BucketName>{WireText.Escape(bucket)}</BucketName><RequestId>{WireText.RequestId()}</RequestId></Error>"));
}
