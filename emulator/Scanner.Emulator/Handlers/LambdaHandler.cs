using System.Text.Json;
using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>
/// AWS Lambda (restJson1): ListFunctions is GET /2015-03-31/functions/ with Marker and MaxItems (50 a page) in the
/// query string; CreateFunction is POST /2015-03-31/functions with the function's configuration (its code is not kept).
/// </summary>
internal sealed class LambdaHandler(OrganizationStore store) : IServiceHandler
{
    public WireReply Handle(AwsCall call) => call.Operation switch
    {
        "ListFunctions" => ListFunctions(call),
        "CreateFunction" => CreateFunction(call),
        _ => Envelopes.RestJsonError(404, "UnknownOperationException", $"Unknown operation {call.Operation}"),
    };

    private static WireReply ListFunctions(AwsCall call)
    {
        var functions = call.Account.Functions.Where(f => f.Region == call.Region).ToList();
        var (page, next) = Pages.Slice(functions, call.Parameter("Marker"), Pages.Int(call.Parameter("MaxItems")), 50, 50);
        return WireReply.Json(Envelopes.RestJson, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("Functions");
            foreach (var function in page)
            {
                Configuration(w, call.Account.Id, function);
            }

            w.WriteEndArray();
            if (next is not null)
            {
                w.WriteString("NextMarker", next);
            }

            w.WriteEndObject();
        });
    }

    private WireReply CreateFunction(AwsCall call)
    {
        var name = call.JsonString("FunctionName") ?? "";
        return store.UpdateAccount(call.Account.Id, account =>
        {
            if (account.Functions.Any(f => f.Name == name && f.Region == call.Region))
            {
                return (null, Envelopes.RestJsonError(409, "ResourceConflictException", $"Function already exist: {name}"));
            }

            var function = new SyntheticFunction(name, call.Region, call.JsonString("Runtime") ?? "", store.Time.GetUtcNow(), call.JsonTags(),
                call.JsonString("Role"), call.JsonString("Handler") ?? "", call.JsonString("Description") ?? "");
            return (account with { Functions = [.. account.Functions, function] }, WireReply.Json(Envelopes.RestJson, w => Configuration(w, account.Id, function), 201));
        });
    }

    private static void Configuration(Utf8JsonWriter w, string accountId, SyntheticFunction function)
    {
        w.WriteStartObject();
        w.WriteString("FunctionName", function.Name);
        w.WriteString("FunctionArn", $"arn:aws:lambda:{function.Region}:{accountId}:function:{function.Name}");
        w.WriteString("Runtime", function.Runtime);
        w.WriteString("Role", function.Role ?? $"arn:aws:iam::{accountId}:role/{function.Name}-role");
        w.WriteString("Handler", function.Handler);
        w.WriteNumber("CodeSize", 1024);
        w.WriteString("Description", function.Description);
        w.WriteNumber("Timeout", 30);
        w.WriteNumber("MemorySize", 256);
        w.WriteString("LastModified", WireText.LambdaTime(function.LastModified));
        w.WriteString("CodeSha256", "bench+codesha256=");
        w.WriteString("Version", "$LATEST");
        w.WriteStartObject("TracingConfig");
        w.WriteString("Mode", "PassThrough");
        w.WriteEndObject();
        w.WriteString("RevisionId", "00000000-0000-0000-0000-000000000000");
        w.WriteString("State", "Active");
        w.WriteString("PackageType", "Zip");
        w.WriteStartArray("Architectures");
        w.WriteStringValue("x86_64");
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
