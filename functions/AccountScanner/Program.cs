using Scanner.Lambda.Configuration;
using Scanner.Lambda.Handlers;
using Scanner.Lambda.Logging;
using Scanner.Lambda.Runtime;

// The account scanner function: SQS batches of scan jobs → assume role, collect, evaluate, publish.
var log = JsonLog.StandardOutput();
return await LambdaHost.RunAsync(
    () => FunctionComposition.AccountScanner(FunctionSettings.FromEnvironment(FunctionRole.AccountScanner), log),
    new LambdaHostOptions { Log = log });
