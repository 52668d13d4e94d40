// PLACEHOLDER for the lead: a runnable bootstrap that exercises the runtime loop, the settings and the scan job
// parsing, so the Native AOT build and the end-to-end runtime test have something real to run. It scans nothing:
// replace the per-message body with the real scan (assume the audit role, collect, evaluate, reconcile, import).
using Scanner.Lambda.Configuration;
using Scanner.Lambda.Events;
using Scanner.Lambda.Logging;
using Scanner.Lambda.Runtime;

var log = JsonLog.StandardOutput();
return await LambdaHost.RunAsync(
    () =>
    {
        var settings = FunctionSettings.FromEnvironment(FunctionRole.AccountScanner);
        log.Info("account scanner initialized", ("region", settings.Region), ("auditRole", settings.AuditRoleName));
        return LambdaHandlers.Json(
            LambdaJsonContext.Default.SqsEvent,
            LambdaJsonContext.Default.SqsBatchResponse,
            (context, batch, cancellationToken) =>
            {
                var failed = new List<string>();
                foreach (var message in batch.Records)
                {
                    if (!ScanJob.TryParse(message.Body, out var job, out var error))
                    {
                        // A malformed job never gets better: fail it so it reaches the DLQ and its alarm.
                        log.Error("invalid scan job", ("messageId", message.MessageId), ("error", error));
                        failed.Add(message.MessageId);
                        continue;
                    }

                    log.Info("scan job received (placeholder: not scanned)", ("account", job.AccountId), ("receiveCount", message.ApproximateReceiveCount));
                }

                return Task.FromResult(SqsBatchResponse.FromFailedMessageIds(failed));
            });
    },
    new LambdaHostOptions { Log = log });
