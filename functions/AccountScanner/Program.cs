using Scanner.Lambda.Configuration;
using Scanner.Lambda.Handlers;
using Scanner.Lambda.Logging;
using Scanner.Lambda.Runtime;

// The account scanner function: SQS batches of scan jobs → assume role, collect, evaluate, publish.
var log = JsonLog.StandardOutput(minimumLevel: LogLevels.FromEnvironment());
return await LambdaHost.RunAsync(
    ct => FunctionComposition.AccountScannerAsync(FunctionSettings.FromEnvironment(FunctionRole.AccountScanner), log, cancellationToken: ct),
    new LambdaHostOptions { Log = log });
