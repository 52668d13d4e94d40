using System.Runtime.CompilerServices;
using System.Text;
using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>
/// IAM (awsQuery, global): the reads the scanner makes, with IAM's Marker/IsTruncated paging (100 items a page), and
/// the writes the demo seeds users, keys, passwords, MFA devices and roles with. A write bumps the account's
/// credential report, as a report generated afterwards would show it.
/// </summary>
internal sealed class IamHandler(OrganizationStore store) : IServiceHandler
{
    private const string Ns = Envelopes.IamNamespace;

    /// <summary>One report per account snapshot: an account changed by a write is a new record, with a new report.</summary>
    private readonly ConditionalWeakTable<SyntheticAccount, string> _reports = [];

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
            .Element("Content", _reports.GetValue(call.Account, a => Convert.ToBase64String(Encoding.UTF8.GetBytes(CredentialReportCsv.Build(a)))))
            .Element("ReportFormat", "text/csv")
            .Element("GeneratedTime", WireText.IsoSeconds(call.Account.CredentialReportAt))),
        "ListRoles" => Paged(call, "ListRoles", "Roles", call.Account.Roles, (x, role) => Role(x, call.Account.Id, role)),
        "ListOrganizationsFeatures" => OrganizationsFeatures(call),
        "CreateUser" => CreateUser(call),
        "TagUser" => ChangeUser(call, "TagUser", user => user with { Tags = [.. user.Tags.Where(t => call.QueryTags().All(n => n.Key != t.Key)), .. call.QueryTags()] }),
        "CreateAccessKey" => CreateAccessKey(call),
        "UpdateAccessKey" => ChangeUser(call, "UpdateAccessKey", user => user.Keys.Any(k => k.Id == call.Parameter("AccessKeyId"))
            ? user with { Keys = [.. user.Keys.Select(k => k.Id == call.Parameter("AccessKeyId") ? k with { Active = call.Parameter("Status") == "Active" } : k)] }
            : null),
        "CreateLoginProfile" => CreateLoginProfile(call),
        "CreateVirtualMFADevice" => Envelopes.QueryResult(Ns, "CreateVirtualMFADevice", x => x.Append("<VirtualMFADevice>")
            .Element("SerialNumber", $"arn:aws:iam::{call.Account.Id}:mfa{call.Parameter("Path") ?? "/"}{call.Parameter("VirtualMFADeviceName")}")
            .Append("</VirtualMFADevice>")),
        "EnableMFADevice" => ChangeUser(call, "EnableMFADevice", user => user with { MfaSerial = call.Parameter("SerialNumber") }),
        "CreateRole" => CreateRole(call),
        "DeleteLoginProfile" => ChangeUser(call, "DeleteLoginProfile", user => user.HasConsolePassword ? user with { HasConsolePassword = false } : null,
            refused: () => Envelopes.QueryError(Ns, 404, "NoSuchEntity", $"Login Profile for User {call.Parameter("UserName")} cannot be found.")),
        "DeleteUser" => DeleteUser(call),
        "EnableOrganizationsRootCredentialsManagement" => EnableRootAccessFeature(call, "RootCredentialsManagement"),
        "EnableOrganizationsRootSessions" => EnableRootAccessFeature(call, "RootSessions"),
        _ => Envelopes.QueryError(Ns, 400, "InvalidAction", $"Could not find operation {call.Operation} for version 2010-05-08"),
    };

    /// <summary>Answered in the management account only, once IAM has trusted access to the organization (the botocore model's errors).</summary>
    private static WireReply OrganizationsFeatures(AwsCall call)
    {
        var organization = call.Organization;
        if (!organization.Exists)
        {
            return Envelopes.QueryError(Ns, 400, "OrganizationNotFoundException", "No organization is associated with your account.");
        }

        if (call.Account.Id != organization.ManagementAccountId)
        {
            return Envelopes.QueryError(Ns, 400, "AccountNotManagementOrDelegatedAdministratorException",
                "The account making the request is not the management account or delegated administrator account for centralized root access.");
        }

        if (!organization.ServiceAccess.Contains("iam.amazonaws.com"))
        {
            return Envelopes.QueryError(Ns, 400, "ServiceAccessNotEnabledException", "Trusted access is not enabled for IAM in Organizations.");
        }

        return Envelopes.QueryResult(Ns, "ListOrganizationsFeatures", x =>
        {
            x.Element("OrganizationId", organization.OrganizationId).Append("<EnabledFeatures>");
            foreach (var feature in organization.RootAccessFeatures)
            {
                x.Element("member", feature);
            }

            x.Append("</EnabledFeatures>");
        });
    }

    /// <summary>Turns on a centralized root access feature: the management account's call, with IAM's trusted access enabled.</summary>
    private WireReply EnableRootAccessFeature(AwsCall call, string feature) => store.Update(organization =>
    {
        if (OrganizationsFeatures(call) is { Status: not 200 } refused)
        {
            return (organization, refused);
        }

        var next = organization with { RootAccessFeatures = [.. organization.RootAccessFeatures.Append(feature).Distinct(StringComparer.Ordinal)] };
        return (next, Envelopes.QueryResult(Ns, call.Operation, x =>
        {
            x.Element("OrganizationId", next.OrganizationId).Append("<EnabledFeatures>");
            foreach (var enabled in next.RootAccessFeatures)
            {
                x.Element("member", enabled);
            }

            x.Append("</EnabledFeatures>");
        }));
    });

    private WireReply CreateUser(AwsCall call)
    {
        var name = call.Parameter("UserName") ?? "";
        var path = call.Parameter("Path") ?? "/";
        return store.UpdateAccount(call.Account.Id, account =>
        {
            if (account.Users.Any(u => u.Name == name))
            {
                return (null, Envelopes.QueryError(Ns, 409, "EntityAlreadyExists", $"User with name {name} already exists."));
            }

            var now = store.Time.GetUtcNow();
            var user = new SyntheticUser
            {
                Name = name, Path = path, UserId = "AIDA" + store.NewId(OrganizationStore.UpperAlphanumeric, 17), CreatedAt = now,
                Keys = [], Tags = call.QueryTags(),
            };
            return (account with { Users = [.. account.Users, user], CredentialReportAt = now }, Envelopes.QueryResult(Ns, "CreateUser", x =>
            {
                x.Append("<User>").Element("Path", path).Element("UserName", name).Element("UserId", user.UserId)
                    .Element("Arn", $"arn:aws:iam::{account.Id}:user{path}{name}").Element("CreateDate", WireText.IsoSeconds(now));
                Tags(x, user.Tags);
                x.Append("</User>");
            }));
        });
    }

    /// <summary>As IAM: a user with a password, keys or an MFA device cannot be deleted until those are.</summary>
    private WireReply DeleteUser(AwsCall call)
    {
        var name = call.Parameter("UserName");
        return store.UpdateAccount(call.Account.Id, account =>
        {
            var user = account.Users.FirstOrDefault(u => u.Name == name);
            if (user is null)
            {
                return (null, Envelopes.QueryError(Ns, 404, "NoSuchEntity", $"The user with name {name} cannot be found."));
            }

            if (user.HasConsolePassword || user.Keys.Count > 0 || user.MfaSerial is not null)
            {
                return (null, Envelopes.QueryError(Ns, 409, "DeleteConflict", "Cannot delete entity, must delete login profile, access keys and MFA devices first."));
            }

            return (account with { Users = [.. account.Users.Where(u => u != user)], CredentialReportAt = store.Time.GetUtcNow() }, Envelopes.QueryEmpty(Ns, "DeleteUser"));
        });
    }

    private WireReply CreateAccessKey(AwsCall call)
    {
        var id = "AKIA" + store.NewId("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1) + store.NewId(OrganizationStore.UpperAlphanumeric, 15);
        var secret = store.NewId(OrganizationStore.UpperAlphanumeric + "abcdefghijklmnopqrstuvwxyz", 40);
        var now = store.Time.GetUtcNow();
        return ChangeUser(call, "CreateAccessKey", user => user.Keys.Count >= 2 ? null : user with { Keys = [.. user.Keys, new SyntheticKey(id, true, now, null, null, null)] },
            user => Envelopes.QueryResult(Ns, "CreateAccessKey", x => x.Append("<AccessKey>").Element("UserName", user.Name).Element("AccessKeyId", id)
                .Element("Status", "Active").Element("SecretAccessKey", secret).Element("CreateDate", WireText.IsoSeconds(now)).Append("</AccessKey>")),
            () => Envelopes.QueryError(Ns, 409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2"));
    }

    private WireReply CreateLoginProfile(AwsCall call)
    {
        var now = store.Time.GetUtcNow();
        var resetRequired = string.Equals(call.Parameter("PasswordResetRequired"), "true", StringComparison.OrdinalIgnoreCase);
        return ChangeUser(call, "CreateLoginProfile", user => user.HasConsolePassword ? null : user with { HasConsolePassword = true },
            user => Envelopes.QueryResult(Ns, "CreateLoginProfile", x => x.Append("<LoginProfile>").Element("UserName", user.Name)
                .Element("CreateDate", WireText.IsoSeconds(now)).Element("PasswordResetRequired", resetRequired).Append("</LoginProfile>")),
            () => Envelopes.QueryError(Ns, 409, "EntityAlreadyExists", $"Login Profile for user {call.Parameter("UserName")} already exists."));
    }

    private WireReply CreateRole(AwsCall call)
    {
        var name = call.Parameter("RoleName") ?? "";
        return store.UpdateAccount(call.Account.Id, account =>
        {
            if (account.Roles.Any(r => r.Name == name))
            {
                return (null, Envelopes.QueryError(Ns, 409, "EntityAlreadyExists", $"Role with name {name} already exists."));
            }

            var role = new SyntheticRole(name, call.Parameter("Path") ?? "/", "AROA" + store.NewId(OrganizationStore.UpperAlphanumeric, 17), store.Time.GetUtcNow(),
                call.Parameter("AssumeRolePolicyDocument") ?? "", call.QueryTags());
            return (account with { Roles = [.. account.Roles, role] }, Envelopes.QueryResult(Ns, "CreateRole", x => Role(x.Append("<Role>"), account.Id, role).Append("</Role>")));
        });
    }

    private static StringBuilder Role(StringBuilder x, string accountId, SyntheticRole role)
    {
        x.Element("Path", role.Path).Element("RoleName", role.Name).Element("RoleId", role.RoleId)
            .Element("Arn", $"arn:aws:iam::{accountId}:role{role.Path}{role.Name}").Element("CreateDate", WireText.IsoSeconds(role.CreatedAt))
            .Element("AssumeRolePolicyDocument", Uri.EscapeDataString(role.AssumeRolePolicyDocument));
        return Tags(x, role.Tags);
    }

    private static StringBuilder Tags(StringBuilder x, IReadOnlyList<SyntheticTag> tags)
    {
        if (tags.Count > 0)
        {
            x.Append("<Tags>");
            foreach (var tag in tags)
            {
                x.Append("<member>").Element("Key", tag.Key).Element("Value", tag.Value).Append("</member>");
            }

            x.Append("</Tags>");
        }

        return x;
    }

    /// <summary>
    /// A write to one user of the caller's account: <paramref name="change"/> gives the user's next state (null: refused,
    /// answered by <paramref name="refused"/>); the answer is <paramref name="answer"/>'s, or an empty result.
    /// </summary>
    private WireReply ChangeUser(AwsCall call, string operation, Func<SyntheticUser, SyntheticUser?> change, Func<SyntheticUser, WireReply>? answer = null, Func<WireReply>? refused = null)
    {
        var name = call.Parameter("UserName");
        return store.UpdateAccount(call.Account.Id, account =>
        {
            var user = account.Users.FirstOrDefault(u => u.Name == name);
            if (user is null)
            {
                return (null, Envelopes.QueryError(Ns, 404, "NoSuchEntity", $"The user with name {name} cannot be found."));
            }

            var next = change(user);
            if (next is null)
            {
                return (null, refused?.Invoke() ?? Envelopes.QueryError(Ns, 404, "NoSuchEntity", $"{operation}: nothing of user {name} matches the request."));
            }

            return (account with { Users = [.. account.Users.Select(u => u == user ? next : u)], CredentialReportAt = store.Time.GetUtcNow() },
                answer?.Invoke(next) ?? Envelopes.QueryEmpty(Ns, operation));
        });
    }

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
