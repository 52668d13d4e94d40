using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace Scanner.Aws.Protocols;

/// <summary>Every service we call ourselves signs with SigV4; the SDK's signer does the signing.</summary>
internal sealed class SigV4AuthSchemeHandler : BaseAuthResolverHandler
{
    private static readonly List<IAuthSchemeOption> SigV4 = [new AuthSchemeOption { SchemeId = "aws.auth#sigv4" }];

    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) => SigV4;
}
