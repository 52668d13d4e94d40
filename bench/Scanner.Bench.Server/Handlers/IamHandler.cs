using System.Collections.Concurrent;
using System.Text;
using Scanner.Bench.Server.Model;
using Scanner.Bench.Server.Wire;

namespace Scanner.Bench.Server.Handlers;

/// <summary>IAM (awsQuery, global), the reads the scanner makes, with IAM's Marker/IsTruncated paging (100 items a page).</summary>
internal sealed class IamHandler : IServiceHandler
{
    private const string Ns = Envelopes.IamNamespace;
    private readonly ConcurrentDictionary<string, string> _reports = new(StringComparer.Ordinal);

    public WireReply Handle(AwsCall call) => call.Operation switch
    {
        "ListUsers" => ListUsers(call),
        "ListUserTags" => WithUser(call, user => Paged(call, "ListUserTags", "Tags", user.Tags, (x, tag) => x.Element("Key", tag.Key).Element("Value", tag.Value))),
        "ListAccessKeys" => WithUser(call, user => Paged(call, "ListAccessKeys", "AccessKeyMetadata", user.Keys, (x, key) => x
            .Element("UserName", user.Name).Element("AccessKeyId", key.Id).Element("Status", key.Active ? "Active" : "Inactive")
            .Element("CreateDate", WireText.IsoSeconds(key.CreatedAt)))),
        "ListMFADevices" => WithUser(call, user => Paged(call, "ListMFADevices", "MFADevices", user.MfaSerial is null ? [] : new[] { user }, (x, u) => x
            .Element("UserName", u.Name).Element("SerialNumber", u.MfaSerial).Element("EnableDate", WireText.IsoSeconds(u.CreatedAt.AddHours(1))))),
        "GetLoginProfile" => WithUser(call, user => user.HasConsolePassword
            ? Envelopes.QueryResult(Ns, "GetLoginProfile", x => x.Append("<LoginProfile>").Element("UserName", user.Name)
                .Element("CreateDate", WireText.IsoSeconds(user.CreatedAt)).Element("PasswordResetRequired", false).Append("</LoginProfile>"))
            : Envelopes.QueryError(Ns, 404, "NoSuchEntity", $"Login Profile for User {user.Name} cannot be found.")),
        "GetAccessKeyLastUsed" => AccessKeyLastUsed(call),
        "GenerateCredentialReport" => Envelopes.QueryResult(Ns, "GenerateCredentialReport", x => x
            .Element("State", "COMPLETE").Element("Description", "No report exists. Starting a new report generation task")),
        "GetCredentialReport" => Envelopes.QueryResult(Ns, "GetCredentialReport", x => x
            .Element("Content", _reports.GetOrAdd(call.Account.Id, _ => Convert.ToBase64String(Encoding.UTF8.GetBytes(CredentialReportCsv.Build(call.Account)))))
            .Element("ReportFormat", "text/csv")
            .Element("GeneratedTime", WireText.IsoSeconds(call.Account.CredentialReportAt))),
        "ListRoles" => Envelopes.QueryResult(Ns, "ListRoles", x => x.Append("<Roles/>").Element("IsTruncated", false)),
        "ListOrganizationsFeatures" => Envelopes.QueryResult(Ns, "ListOrganizationsFeatures", x => x
            .Element("OrganizationId", "o-bench0000")
            .Append("<EnabledFeatures><member>RootCredentialsManagement</member><member>RootSessions</member></EnabledFeatures>")),
        _ => Envelopes.QueryError(Ns, 400, "InvalidAction", $"Could not find operation {call.Operation} for version 2010-05-08"),
    };

    private static WireReply ListUsers(AwsCall call)
        => Paged(call, "ListUsers", "Users", call.Account.Users, (x, user) =>
        {
            x.Element("Path", user.Path).Element("UserName", user.Name).Element("UserId", user.UserId)
                .Element("Arn", $"arn:aws:iam::{call.Account.Id}:user{user.Path}{user.Name}").Element("CreateDate", WireText.IsoSeconds(user.CreatedAt));
            if (user.PasswordLastUsed is { } used)
            {
                x.Element("PasswordLastUsed", WireText.IsoSeconds(used));
            }
        });

    private static WireReply WithUser(AwsCall call, Func<SyntheticUser, WireReply> answer)
    {
        var name = call.Parameter("UserName");
        var user = call.Account.Users.FirstOrDefault(u => u.Name == name);
        return user is null ? Envelopes.QueryError(Ns, 404, "NoSuchEntity", $"The user with name {name} cannot be found.") : answer(user);
    }

    private static WireReply AccessKeyLastUsed(AwsCall call)
    {
        var id = call.Parameter("AccessKeyId");
        foreach (var user in call.Account.Users)
        {
            var key = user.Keys.FirstOrDefault(k => k.Id == id);
            if (key is not null)
            {
                return Envelopes.QueryResult(Ns, "GetAccessKeyLastUsed", x =>
                {
                    x.Element("UserName", user.Name).Append("<AccessKeyLastUsed>");
                    if (key.LastUsedAt is { } at)
                    {
                        x.Element("LastUsedDate", WireText.IsoSeconds(at));
                    }

                    x.Element("ServiceName", key.LastUsedService ?? "N/A").Element("Region", key.LastUsedRegion ?? "N/A").Append("</AccessKeyLastUsed>");
                });
            }
        }

        return Envelopes.QueryError(Ns, 403, "AccessDenied", $"The access key {id} does not belong to this account.");
    }

    /// <summary>A list result with IAM's paging: the members, IsTruncated, and a Marker when there is more.</summary>
    private static WireReply Paged<T>(AwsCall call, string operation, string listElement, IReadOnlyList<T> items, Action<StringBuilder, T> member)
    {
        var (page, next) = Pages.Slice(items, call.Parameter("Marker"), Pages.Int(call.Parameter("MaxItems")), 100, 1000);
        return Envelopes.QueryResult(Ns, operation, x =>
        {
            if (page.Count == 0)
            {
                x.Append('<').Append(listElement).Append("/>");
            }
            else
            {
                x.Append('<').Append(listElement).Append('>');
                foreach (var item in page)
                {
                    x.Append("<member>");
                    member(x, item);
                    x.Append("</member>");
                }

                x.Append("</").Append(listElement).Append('>');
            }

            x.Element("IsTruncated", next is not null);
            if (next is not null)
            {
                x.Element("Marker", next);
            }
        });
    }
}
