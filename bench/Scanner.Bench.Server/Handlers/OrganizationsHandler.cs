using System.Text.Json;
using Scanner.Bench.Server.Model;
using Scanner.Bench.Server.Wire;

namespace Scanner.Bench.Server.Handlers;

/// <summary>AWS Organizations (awsJson1_1), answered to the management account only, with Organizations' page sizes (20 accounts).</summary>
internal sealed class OrganizationsHandler : IServiceHandler
{
    private readonly SyntheticOrganization _organization;
    private readonly Dictionary<string, List<SyntheticAccount>> _accountsByParent;
    private readonly Dictionary<string, List<SyntheticOu>> _ousByParent;

    public OrganizationsHandler(SyntheticOrganization organization)
    {
        _organization = organization;
        _accountsByParent = organization.Accounts.GroupBy(a => a.ParentId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _ousByParent = organization.OrganizationalUnits.GroupBy(o => o.ParentId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    public WireReply Handle(AwsCall call)
    {
        if (call.Account.Id != _organization.ManagementAccountId)
        {
            return Envelopes.JsonError(400, "AccessDeniedException", "You don't have permissions to access this resource.");
        }

        return call.Operation switch
        {
            "DescribeOrganization" => Reply(w =>
            {
                w.WriteStartObject("Organization");
                w.WriteString("Id", _organization.OrganizationId);
                w.WriteString("Arn", _organization.OrganizationArn);
                w.WriteString("FeatureSet", "ALL");
                w.WriteString("MasterAccountArn", $"arn:aws:organizations::{_organization.ManagementAccountId}:account/{_organization.OrganizationId}/{_organization.ManagementAccountId}");
                w.WriteString("MasterAccountId", _organization.ManagementAccountId);
                w.WriteString("MasterAccountEmail", _organization.Management.Email);
                w.WriteStartArray("AvailablePolicyTypes");
                w.WriteEndArray();
                w.WriteEndObject();
            }),
            "ListRoots" => Reply(w =>
            {
                w.WriteStartArray("Roots");
                w.WriteStartObject();
                w.WriteString("Id", _organization.RootId);
                w.WriteString("Arn", $"arn:aws:organizations::{_organization.ManagementAccountId}:root/{_organization.OrganizationId}/{_organization.RootId}");
                w.WriteString("Name", "Root");
                w.WriteStartArray("PolicyTypes");
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndArray();
            }),
            "ListOrganizationalUnitsForParent" => OrganizationalUnits(call),
            "ListAccountsForParent" => Accounts(call, _accountsByParent.GetValueOrDefault(call.JsonString("ParentId") ?? "") ?? []),
            "ListAccounts" => Accounts(call, _organization.Accounts),
            "ListParents" => Parents(call),
            "ListTagsForResource" => Tags(call),
            _ => Envelopes.JsonError(400, "UnknownOperationException", $"Unknown operation {call.Operation}"),
        };
    }

    private static WireReply Reply(Action<Utf8JsonWriter> body) => WireReply.Json(Envelopes.AmzJson11, w =>
    {
        w.WriteStartObject();
        body(w);
        w.WriteEndObject();
    });

    private WireReply OrganizationalUnits(AwsCall call)
    {
        var parent = call.JsonString("ParentId") ?? "";
        if (parent != _organization.RootId && _organization.OrganizationalUnits.All(o => o.Id != parent))
        {
            return Envelopes.JsonError(400, "ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.");
        }

        var (page, next) = Pages.Slice(_ousByParent.GetValueOrDefault(parent) ?? [], call.JsonString("NextToken"), call.JsonInt("MaxResults"), 20, 20);
        return Reply(w =>
        {
            w.WriteStartArray("OrganizationalUnits");
            foreach (var ou in page)
            {
                w.WriteStartObject();
                w.WriteString("Id", ou.Id);
                w.WriteString("Arn", $"arn:aws:organizations::{_organization.ManagementAccountId}:ou/{_organization.OrganizationId}/{ou.Id}");
                w.WriteString("Name", ou.Name);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (next is not null)
            {
                w.WriteString("NextToken", next);
            }
        });
    }

    private WireReply Accounts(AwsCall call, IReadOnlyList<SyntheticAccount> accounts)
    {
        var (page, next) = Pages.Slice(accounts, call.JsonString("NextToken"), call.JsonInt("MaxResults"), 20, 20);
        return Reply(w =>
        {
            w.WriteStartArray("Accounts");
            foreach (var account in page)
            {
                w.WriteStartObject();
                w.WriteString("Id", account.Id);
                w.WriteString("Arn", $"arn:aws:organizations::{_organization.ManagementAccountId}:account/{_organization.OrganizationId}/{account.Id}");
                w.WriteString("Email", account.Email);
                w.WriteString("Name", account.Name);
                w.WriteString("Status", account.Status);
                w.WriteString("State", account.Status);
                w.WriteString("JoinedMethod", account.Id == _organization.ManagementAccountId ? "INVITED" : "CREATED");
                w.WriteNumber("JoinedTimestamp", WireText.Epoch(account.JoinedAt));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (next is not null)
            {
                w.WriteString("NextToken", next);
            }
        });
    }

    private WireReply Parents(AwsCall call)
    {
        var child = call.JsonString("ChildId") ?? "";
        var parent = _organization.Find(child)?.ParentId ?? _organization.OrganizationalUnits.FirstOrDefault(o => o.Id == child)?.ParentId;
        if (parent is null)
        {
            return Envelopes.JsonError(400, "ChildNotFoundException", "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");
        }

        return Reply(w =>
        {
            w.WriteStartArray("Parents");
            w.WriteStartObject();
            w.WriteString("Id", parent);
            w.WriteString("Type", parent == _organization.RootId ? "ROOT" : "ORGANIZATIONAL_UNIT");
            w.WriteEndObject();
            w.WriteEndArray();
        });
    }

    private WireReply Tags(AwsCall call)
    {
        var id = call.JsonString("ResourceId") ?? "";
        var account = _organization.Find(id);
        if (account is null && _organization.OrganizationalUnits.All(o => o.Id != id) && id != _organization.RootId)
        {
            return Envelopes.JsonError(400, "TargetNotFoundException", "We can't find a root, OU, account, or policy with the TargetId that you specified.");
        }

        return Reply(w =>
        {
            w.WriteStartArray("Tags");
            foreach (var tag in account?.Tags ?? [])
            {
                w.WriteStartObject();
                w.WriteString("Key", tag.Key);
                w.WriteString("Value", tag.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }
}
