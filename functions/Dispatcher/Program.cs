// PLACEHOLDER for the lead: a runnable bootstrap that exercises the runtime loop, the settings and the event
// classifier, so the Native AOT build and the end-to-end runtime test have something real to run. It dispatches
// nothing: replace the handler body with the real dispatcher (org checks, one ScanJob per account to SCAN_QUEUE_URL).
using System.Text.Json;
using Scanner.Lambda.Configuration;
using Scanner.Lambda.Events;
using Scanner.Lambda.Logging;
using Scanner.Lambda.Runtime;

var log = JsonLog.StandardOutput();
return await LambdaHost.RunAsync(
    () =>
    {
        var settings = FunctionSettings.FromEnvironment(FunctionRole.Dispatcher);
        log.Info("dispatcher initialized", ("region", settings.Region), ("approvedRegions", string.Join(',', settings.ApprovedRegions)));
        return (context, payload, cancellationToken) =>
        {
            var request = DispatcherEvent.Parse(payload);
            if (request is DispatcherEvent.Invalid invalid)
            {
                throw new InvalidEventException(invalid.Message);
            }

            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                switch (request)
                {
                    case DispatcherEvent.WholeOrganization whole:
                        writer.WriteString("scope", "organization");
                        writer.WriteString("reason", whole.Reason);
                        break;
                    case DispatcherEvent.Accounts accounts:
                        writer.WriteString("scope", "accounts");
                        writer.WriteStartArray("accountIds");
                        foreach (var id in accounts.AccountIds)
                        {
                            writer.WriteStringValue(id);
                        }

                        writer.WriteEndArray();
                        writer.WriteString("reason", accounts.Reason);
                        break;
                    case DispatcherEvent.Ignored ignored:
                        writer.WriteString("scope", "none");
                        writer.WriteString("reason", ignored.Reason);
                        break;
                }

                writer.WriteEndObject();
            }

            log.Info("dispatch request classified (placeholder: nothing sent)", ("event", request.GetType().Name));
            return Task.FromResult(buffer.ToArray());
        };
    },
    new LambdaHostOptions { Log = log });
