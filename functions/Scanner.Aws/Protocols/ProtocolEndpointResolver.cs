using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace Scanner.Aws.Protocols;

/// <summary>
/// The SDK's endpoint step, fed by the static endpoint the client was configured with
/// (see <see cref="AwsEndpoints"/>); our services need no endpoint rules engine.
/// </summary>
internal sealed class ProtocolEndpointResolver : BaseEndpointResolver
{
    protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext) => new();
}
