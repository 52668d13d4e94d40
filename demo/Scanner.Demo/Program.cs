using Scanner.Demo;

return await DemoCommand.Create(Console.Out, Console.Error, interactive: !Console.IsOutputRedirected).Parse(args).InvokeAsync();
