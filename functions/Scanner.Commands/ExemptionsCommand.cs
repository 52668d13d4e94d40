using System.CommandLine;

namespace Scanner.Commands;

/// <summary>How the exemption register is printed.</summary>
public enum RegisterFormat
{
    Table,
    Json,
    Csv,
}

/// <summary>The `exemptions` verb's options: the scan's own options for reaching the organization, and a format.</summary>
public static class ExemptionsCommand
{
    public static Command Create(Func<ScanRequest, RegisterFormat, CancellationToken, Task<int>> run)
    {
        var shared = new OrganizationOptions("Policy document (YAML or JSON), a file or an s3://bucket/key object: its exemptions, and the rules for exemption tags.");
        var format = new Option<RegisterFormat>("--format") { Description = "table (default), json or csv.", DefaultValueFactory = _ => RegisterFormat.Table };

        var command = new Command("exemptions",
            "The exemption register: scan the organization and list every exemption in force and every refused or expired one, "
            + "with where it was declared, check, account, resource, reason, expiry and days left. Writes nothing anywhere.")
        {
            format,
        };
        shared.AddTo(command);
        command.SetAction((parse, ct) => run(shared.Read(parse), parse.GetValue(format), ct));
        return command;
    }
}
