using Scanner.Lambda.Configuration;
using Scanner.Lambda.Handlers;
using Scanner.Lambda.Logging;
using Scanner.Lambda.Runtime;

// The dispatcher function: schedule, account-created events and direct invocations → one scan job per account.
var log = JsonLog.StandardOutput(minimumLevel: LogLevels.FromEnvironment());
return await LambdaHost.RunAsync(
    ct => FunctionComposition.DispatcherAsync(FunctionSettings.FromEnvironment(FunctionRole.Dispatcher), log, cancellationToken: ct),
    new LambdaHostOptions { Log = log });
