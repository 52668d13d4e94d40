using Scanner.Commands;

return await OrganizationScannerCommands.Root(Console.Out, Console.Error, interactive: !Console.IsOutputRedirected).Parse(args).InvokeAsync();
