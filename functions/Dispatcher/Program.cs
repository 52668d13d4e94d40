using Scanner.Lambda.Configuration;
using Scanner.Lambda.Handlers;
using Scanner.Lambda.Logging;
using Scanner.Lambda.Runtime;

// The dispatcher function: schedule, account-created events and direct invocations → one scan job per account.
var log = JsonLog.StandardOutput();
return await LambdaHost.RunAsync(
    () => FunctionComposition.Dispatcher(FunctionSettings.FromEnvironment(FunctionRole.Dispatcher), log),
    new LambdaHostOptions { Log = log });
