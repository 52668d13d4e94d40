using Scanner.Bench.Server.Wire;

namespace Scanner.Bench.Server.Handlers;

/// <summary>AWS Lambda (restJson1): ListFunctions is GET /2015-03-31/functions/ with Marker and MaxItems (50 a page) in the query string.</summary>
internal sealed class LambdaHandler : IServiceHandler
{
    public WireReply Handle(AwsCall call)
    {
        if (call.Operation != "ListFunctions")
        {
            return Envelopes.RestJsonError(404, "UnknownOperationException", $"Unknown operation {call.Operation}");
        }

        var functions = call.Account.Functions.Where(f => f.Region == call.Region).ToList();
        var (page, next) = Pages.Slice(functions, call.Parameter("Marker"), Pages.Int(call.Parameter("MaxItems")), 50, 50);
        return WireReply.Json(Envelopes.RestJson, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("Functions");
            foreach (var function in page)
            {
                w.WriteStartObject();
                w.WriteString("FunctionName", function.Name);
                w.WriteString("FunctionArn", $"arn:aws:lambda:{function.Region}:{call.Account.Id}:function:{function.Name}");
                w.WriteString("Runtime", function.Runtime);
                w.WriteString("Role", $"arn:aws:iam::{call.Account.Id}:role/{function.Name}-role");
                w.WriteString("Handler", "index.handler");
                w.WriteNumber("CodeSize", 1024);
                w.WriteString("Description", "");
                w.WriteNumber("Timeout", 30);
                w.WriteNumber("MemorySize", 256);
                w.WriteString("LastModified", WireText.LambdaTime(function.LastModified));
                w.WriteString("CodeSha256", "bench+codesha256=");
                w.WriteString("Version", "$LATEST");
                w.WriteStartObject("TracingConfig");
                w.WriteString("Mode", "PassThrough");
                w.WriteEndObject();
                w.WriteString("RevisionId", "00000000-0000-0000-0000-000000000000");
                w.WriteString("PackageType", "Zip");
                w.WriteStartArray("Architectures");
                w.WriteStringValue("x86_64");
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (next is not null)
            {
                w.WriteString("NextMarker", next);
            }

            w.WriteEndObject();
        });
    }
}
