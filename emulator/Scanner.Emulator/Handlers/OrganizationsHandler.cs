using System.Text.Json;
using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>
/// AWS Organizations (awsJson1_1), answered to the management account only, with Organizations' page sizes (20
/// accounts): the reads the scanner makes (the OU tree, account tags, SCPs, delegated administrators), and the writes
/// the demo builds its organization with. Creating an organization with all features enables SCPs and attaches
/// FullAWSAccess to the root, the management account and every OU and account created after, as AWS does.
/// </summary>
internal sealed class OrganizationsHandler(OrganizationStore store) : IServiceHandler
{
    private const string Scp = SyntheticPolicy.ServiceControlPolicyType;

    public WireReply Handle(AwsCall call)
    {
        var organization = call.Organization;
        if (call.Operation == "CreateOrganization")
        {
            return CreateOrganization(call);
        }

        if (!organization.Exists)
        {
            return Envelopes.JsonError(400, "AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");
        }

        if (call.Account.Id != organization.ManagementAccountId)
        {
            return Envelopes.JsonError(400, "AccessDeniedException", "You don't have permissions to access this resource.");
        }

        return call.Operation switch
        {
            "DescribeOrganization" => Reply(w =>
            {
                w.WriteStartObject("Organization");
                Organization(w, organization);
                w.WriteEndObject();
            }),
            "ListRoots" => Reply(w =>
            {
                w.WriteStartArray("Roots");
                w.WriteStartObject();
                w.WriteString("Id", organization.RootId);
                w.WriteString("Arn", $"arn:aws:organizations::{organization.ManagementAccountId}:root/{organization.OrganizationId}/{organization.RootId}");
                w.WriteString("Name", "Root");
                w.WriteStartArray("PolicyTypes");
                foreach (var type in organization.RootPolicyTypes)
                {
                    w.WriteStartObject();
                    w.WriteString("Type", type);
                    w.WriteString("Status", "ENABLED");
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndArray();
            }),
            "ListOrganizationalUnitsForParent" => OrganizationalUnits(call),
            "ListAccountsForParent" => Accounts(call, organization.AccountsUnder(call.JsonString("ParentId") ?? "")),
            "ListAccounts" => Accounts(call, organization.Accounts),
            "ListParents" => Parents(call),
            "ListTagsForResource" => Tags(call),
            "ListPoliciesForTarget" => PoliciesForTarget(call),
            "DescribePolicy" => DescribePolicy(call),
            "ListDelegatedAdministrators" => DelegatedAdministrators(call),
            "ListDelegatedServicesForAccount" => DelegatedServices(call),
            "CreateOrganizationalUnit" => CreateOrganizationalUnit(call),
            "CreateAccount" => CreateAccount(call),
            "DescribeCreateAccountStatus" => DescribeCreateAccountStatus(call),
            "MoveAccount" => MoveAccount(call),
            "TagResource" => TagResource(call),
            "UntagResource" => UntagResource(call),
            "CreatePolicy" => CreatePolicy(call),
            "AttachPolicy" => AttachPolicy(call),
            "EnableAWSServiceAccess" => Write(o => (o with { ServiceAccess = [.. o.ServiceAccess.Append(call.JsonString("ServicePrincipal") ?? "").Distinct(StringComparer.Ordinal)] }, Envelopes.JsonEmpty())),
            "RegisterDelegatedAdministrator" => RegisterDelegatedAdministrator(call),
            _ => Envelopes.JsonError(400, "UnknownOperationException", $"Unknown operation {call.Operation}"),
        };
    }

    private static WireReply Reply(Action<Utf8JsonWriter> body) => WireReply.Json(Envelopes.AmzJson11, w =>
    {
        w.WriteStartObject();
        body(w);
        w.WriteEndObject();
    });

    private WireReply Write(Func<SyntheticOrganization, (SyntheticOrganization, WireReply)> change) => store.Update(change);

    /// <summary>A list answer with Organizations' paging: up to MaxResults (at most 20) members, and a NextToken when there is more.</summary>
    private static WireReply Paged<T>(AwsCall call, string member, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> write)
    {
        var (page, next) = Pages.Slice(items, call.JsonString("NextToken"), call.JsonInt("MaxResults"), 20, 20);
        return Reply(w =>
        {
            w.WriteStartArray(member);
            foreach (var item in page)
            {
                write(w, item);
            }

            w.WriteEndArray();
            if (next is not null)
            {
                w.WriteString("NextToken", next);
            }
        });
    }

    private static void Organization(Utf8JsonWriter w, SyntheticOrganization organization)
    {
        w.WriteString("Id", organization.OrganizationId);
        w.WriteString("Arn", organization.OrganizationArn);
        w.WriteString("FeatureSet", organization.FeatureSet);
        w.WriteString("MasterAccountArn", AccountArn(organization, organization.ManagementAccountId));
        w.WriteString("MasterAccountId", organization.ManagementAccountId);
        w.WriteString("MasterAccountEmail", organization.Management.Email);
        w.WriteStartArray("AvailablePolicyTypes");
        w.WriteEndArray();
    }

    private static string AccountArn(SyntheticOrganization organization, string accountId)
        => $"arn:aws:organizations::{organization.ManagementAccountId}:account/{organization.OrganizationId}/{accountId}";

    private static string PolicyArn(SyntheticOrganization organization, SyntheticPolicy policy) => policy.AwsManaged
        ? $"arn:aws:organizations::aws:policy/service_control_policy/{policy.Id}"
        : $"arn:aws:organizations::{organization.ManagementAccountId}:policy/{organization.OrganizationId}/service_control_policy/{policy.Id}";

    private static bool IsTarget(SyntheticOrganization organization, string id)
        => id == organization.RootId || organization.Find(id) is not null || organization.OrganizationalUnits.Any(o => o.Id == id);

    private static WireReply OrganizationalUnits(AwsCall call)
    {
        var organization = call.Organization;
        var parent = call.JsonString("ParentId") ?? "";
        if (parent != organization.RootId && organization.OrganizationalUnits.All(o => o.Id != parent))
        {
            return Envelopes.JsonError(400, "ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.");
        }

        return Paged(call, "OrganizationalUnits", organization.OrganizationalUnitsUnder(parent), (w, ou) => OrganizationalUnit(w, organization, ou));
    }

    private static void OrganizationalUnit(Utf8JsonWriter w, SyntheticOrganization organization, SyntheticOu ou)
    {
        w.WriteStartObject();
        w.WriteString("Id", ou.Id);
        w.WriteString("Arn", $"arn:aws:organizations::{organization.ManagementAccountId}:ou/{organization.OrganizationId}/{ou.Id}");
        w.WriteString("Name", ou.Name);
        w.WriteEndObject();
    }

    private static WireReply Accounts(AwsCall call, IReadOnlyList<SyntheticAccount> accounts)
    {
        var organization = call.Organization;
        return Paged(call, "Accounts", accounts, (w, account) => Account(w, organization, account));
    }

    private static void Account(Utf8JsonWriter w, SyntheticOrganization organization, SyntheticAccount account, DateTimeOffset? delegatedAt = null)
    {
        w.WriteStartObject();
        w.WriteString("Id", account.Id);
        w.WriteString("Arn", AccountArn(organization, account.Id));
        w.WriteString("Email", account.Email);
        w.WriteString("Name", account.Name);
        w.WriteString("Status", account.Status);
        w.WriteString("State", account.Status);
        w.WriteString("JoinedMethod", account.Id == organization.ManagementAccountId ? "INVITED" : "CREATED");
        w.WriteNumber("JoinedTimestamp", WireText.Epoch(account.JoinedAt));
        if (delegatedAt is { } at)
        {
            w.WriteNumber("DelegationEnabledDate", WireText.Epoch(at));
        }

        w.WriteEndObject();
    }

    private static WireReply Parents(AwsCall call)
    {
        var organization = call.Organization;
        var child = call.JsonString("ChildId") ?? "";
        var parent = organization.Find(child)?.ParentId ?? organization.OrganizationalUnits.FirstOrDefault(o => o.Id == child)?.ParentId;
        if (parent is null)
        {
            return Envelopes.JsonError(400, "ChildNotFoundException", "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");
        }

        return Reply(w =>
        {
            w.WriteStartArray("Parents");
            w.WriteStartObject();
            w.WriteString("Id", parent);
            w.WriteString("Type", parent == organization.RootId ? "ROOT" : "ORGANIZATIONAL_UNIT");
            w.WriteEndObject();
            w.WriteEndArray();
        });
    }

    private static WireReply Tags(AwsCall call)
    {
        var organization = call.Organization;
        var id = call.JsonString("ResourceId") ?? "";
        if (!IsTarget(organization, id))
        {
            return Envelopes.JsonError(400, "TargetNotFoundException", "We can't find a root, OU, account, or policy with the TargetId that you specified.");
        }

        return Reply(w =>
        {
            w.WriteStartArray("Tags");
            foreach (var tag in organization.Find(id)?.Tags ?? [])
            {
                w.WriteStartObject();
                w.WriteString("Key", tag.Key);
                w.WriteString("Value", tag.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private static WireReply PoliciesForTarget(AwsCall call)
    {
        var organization = call.Organization;
        var target = call.JsonString("TargetId") ?? "";
        if (!IsTarget(organization, target))
        {
            return Envelopes.JsonError(400, "TargetNotFoundException", "We can't find a root, OU, account, or policy with the TargetId that you specified.");
        }

        var filter = call.JsonString("Filter") ?? Scp;
        var attached = organization.Attachments.Where(a => a.TargetId == target)
            .Select(a => organization.Policies.FirstOrDefault(p => p.Id == a.PolicyId)).OfType<SyntheticPolicy>().Where(p => p.Type == filter).ToList();
        return Paged(call, "Policies", attached, (w, policy) => PolicySummary(w, organization, policy));
    }

    private static void PolicySummary(Utf8JsonWriter w, SyntheticOrganization organization, SyntheticPolicy policy)
    {
        w.WriteStartObject();
        w.WriteString("Id", policy.Id);
        w.WriteString("Arn", PolicyArn(organization, policy));
        w.WriteString("Name", policy.Name);
        w.WriteString("Description", policy.Description);
        w.WriteString("Type", policy.Type);
        w.WriteBoolean("AwsManaged", policy.AwsManaged);
        w.WriteEndObject();
    }

    private static WireReply Policy(SyntheticOrganization organization, SyntheticPolicy policy) => Reply(w =>
    {
        w.WriteStartObject("Policy");
        w.WritePropertyName("PolicySummary");
        PolicySummary(w, organization, policy);
        w.WriteString("Content", policy.Content);
        w.WriteEndObject();
    });

    private static WireReply DescribePolicy(AwsCall call)
    {
        var policy = call.Organization.Policies.FirstOrDefault(p => p.Id == call.JsonString("PolicyId"));
        return policy is null
            ? Envelopes.JsonError(400, "PolicyNotFoundException", "We can't find a policy with the PolicyId that you specified.")
            : Policy(call.Organization, policy);
    }

    private static WireReply DelegatedAdministrators(AwsCall call)
    {
        var organization = call.Organization;
        var service = call.JsonString("ServicePrincipal");
        var administrators = organization.DelegatedAdministrators.Where(d => service is null || d.ServicePrincipal == service)
            .GroupBy(d => d.AccountId, StringComparer.Ordinal).Select(g => (Account: organization.Find(g.Key), Since: g.Min(d => d.DelegatedAt)))
            .Where(a => a.Account is not null).ToList();
        return Paged(call, "DelegatedAdministrators", administrators, (w, a) => Account(w, organization, a.Account!, a.Since));
    }

    private static WireReply DelegatedServices(AwsCall call)
    {
        var organization = call.Organization;
        var accountId = call.JsonString("AccountId") ?? "";
        if (organization.Find(accountId) is null)
        {
            return Envelopes.JsonError(400, "AccountNotFoundException", "You specified an account that doesn't exist.");
        }

        var services = organization.DelegatedAdministrators.Where(d => d.AccountId == accountId).ToList();
        if (services.Count == 0)
        {
            return Envelopes.JsonError(400, "AccountNotRegisteredException", "The provided account is not a registered delegated administrator for your organization.");
        }

        return Paged(call, "DelegatedServices", services, (w, service) =>
        {
            w.WriteStartObject();
            w.WriteString("ServicePrincipal", service.ServicePrincipal);
            w.WriteNumber("DelegationEnabledDate", WireText.Epoch(service.DelegatedAt));
            w.WriteEndObject();
        });
    }

    private WireReply CreateOrganization(AwsCall call) => Write(organization =>
    {
        if (organization.Exists)
        {
            return (organization, Envelopes.JsonError(400, "AlreadyInOrganizationException", "This account is already a member of an organization."));
        }

        var featureSet = call.JsonString("FeatureSet") ?? "ALL";
        var rootId = "r-" + store.NewId(OrganizationStore.LowerAlphanumeric, 4);
        var management = call.Account.Id;
        var next = organization with
        {
            OrganizationId = "o-" + store.NewId(OrganizationStore.LowerAlphanumeric, 10),
            RootId = rootId,
            ManagementAccountId = management,
            FeatureSet = featureSet,
            RootPolicyTypes = featureSet == "ALL" ? [Scp] : [],
            Policies = featureSet == "ALL"
                ? [SyntheticPolicy.FullAwsAccess]
                : [],
            Attachments = featureSet == "ALL" ? [new(SyntheticPolicy.FullAwsAccess.Id, rootId), new(SyntheticPolicy.FullAwsAccess.Id, management)] : [],
        };
        next = next.WithAccount(management, a => a with { ParentId = rootId, JoinedAt = store.Time.GetUtcNow() });
        return (next, Reply(w =>
        {
            w.WriteStartObject("Organization");
            Organization(w, next);
            w.WriteEndObject();
        }));
    });

    /// <summary>What a new OU or account starts with: FullAWSAccess, where SCPs are enabled.</summary>
    private static IReadOnlyList<SyntheticAttachment> WithDefaultPolicy(SyntheticOrganization organization, string targetId)
        => organization.Policies.Any(p => p.Id == SyntheticPolicy.FullAwsAccess.Id) ? [.. organization.Attachments, new(SyntheticPolicy.FullAwsAccess.Id, targetId)] : organization.Attachments;

    private WireReply CreateOrganizationalUnit(AwsCall call) => Write(organization =>
    {
        var parent = call.JsonString("ParentId") ?? "";
        var name = call.JsonString("Name") ?? "";
        if (parent != organization.RootId && organization.OrganizationalUnits.All(o => o.Id != parent))
        {
            return (organization, Envelopes.JsonError(400, "ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified."));
        }

        if (organization.OrganizationalUnitsUnder(parent).Any(o => o.Name == name))
        {
            return (organization, Envelopes.JsonError(400, "DuplicateOrganizationalUnitException", "An OU with the same name already exists."));
        }

        var ou = new SyntheticOu($"ou-{organization.RootId[2..]}-{store.NewId(OrganizationStore.LowerAlphanumeric, 8)}", name, parent);
        var next = organization with { OrganizationalUnits = [.. organization.OrganizationalUnits, ou], Attachments = WithDefaultPolicy(organization, ou.Id) };
        return (next, Reply(w =>
        {
            w.WritePropertyName("OrganizationalUnit");
            OrganizationalUnit(w, next, ou);
        }));
    });

    /// <summary>Asynchronous in AWS; here the account exists at once and the status answers SUCCEEDED.</summary>
    private WireReply CreateAccount(AwsCall call) => Write(organization =>
    {
        var now = store.Time.GetUtcNow();
        var name = call.JsonString("AccountName") ?? "";
        string id;
        do
        {
            id = store.NewId("123456789", 1) + store.NewId(OrganizationStore.Digits, 11);
        }
        while (organization.Find(id) is not null);

        var account = OrganizationStore.NewAccount(id, name, call.JsonString("Email") ?? "", organization.RootId, now) with
        {
            Tags = call.JsonTags(),
            CreateAccountRequestId = "car-" + store.NewId(OrganizationStore.LowerAlphanumeric, 32),
        };
        var next = organization with { Accounts = [.. organization.Accounts, account], Attachments = WithDefaultPolicy(organization, id) };
        return (next, CreateAccountStatus(account));
    });

    private static WireReply CreateAccountStatus(SyntheticAccount account) => Reply(w =>
    {
        w.WriteStartObject("CreateAccountStatus");
        w.WriteString("Id", account.CreateAccountRequestId);
        w.WriteString("AccountName", account.Name);
        w.WriteString("State", "SUCCEEDED");
        w.WriteNumber("RequestedTimestamp", WireText.Epoch(account.JoinedAt));
        w.WriteNumber("CompletedTimestamp", WireText.Epoch(account.JoinedAt));
        w.WriteString("AccountId", account.Id);
        w.WriteEndObject();
    });

    private static WireReply DescribeCreateAccountStatus(AwsCall call)
    {
        var account = call.Organization.Accounts.FirstOrDefault(a => a.CreateAccountRequestId is { } id && id == call.JsonString("CreateAccountRequestId"));
        return account is null
            ? Envelopes.JsonError(400, "CreateAccountStatusNotFoundException", "We can't find a create account request with the CreateAccountRequestId that you specified.")
            : CreateAccountStatus(account);
    }

    private WireReply MoveAccount(AwsCall call) => Write(organization =>
    {
        var account = organization.Find(call.JsonString("AccountId") ?? "");
        var source = call.JsonString("SourceParentId");
        var destination = call.JsonString("DestinationParentId") ?? "";
        if (account is null)
        {
            return (organization, Envelopes.JsonError(400, "AccountNotFoundException", "You specified an account that doesn't exist."));
        }

        if (account.ParentId != source)
        {
            return (organization, Envelopes.JsonError(400, "SourceParentNotFoundException", "We can't find a source root or OU with the ParentId that you specified."));
        }

        if (destination != organization.RootId && organization.OrganizationalUnits.All(o => o.Id != destination))
        {
            return (organization, Envelopes.JsonError(400, "DestinationParentNotFoundException", "We can't find a destination root or OU with the ParentId that you specified."));
        }

        return (organization.WithAccount(account.Id, a => a with { ParentId = destination }), Envelopes.JsonEmpty());
    });

    private WireReply TagResource(AwsCall call) => Write(organization =>
    {
        var id = call.JsonString("ResourceId") ?? "";
        var tags = call.JsonTags();
        if (organization.Find(id) is null)
        {
            return (organization, Envelopes.JsonError(400, "TargetNotFoundException", "We can't find a root, OU, account, or policy with the TargetId that you specified."));
        }

        return (organization.WithAccount(id, a => a with { Tags = [.. a.Tags.Where(t => tags.All(n => n.Key != t.Key)), .. tags] }), Envelopes.JsonEmpty());
    });

    private WireReply UntagResource(AwsCall call) => Write(organization =>
    {
        var id = call.JsonString("ResourceId") ?? "";
        var keys = call.JsonMember("TagKeys") is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().Select(k => k.GetString()).ToHashSet(StringComparer.Ordinal) : [];
        return organization.Find(id) is null
            ? (organization, Envelopes.JsonError(400, "TargetNotFoundException", "We can't find a root, OU, account, or policy with the TargetId that you specified."))
            : (organization.WithAccount(id, a => a with { Tags = [.. a.Tags.Where(t => !keys.Contains(t.Key))] }), Envelopes.JsonEmpty());
    });

    private WireReply CreatePolicy(AwsCall call) => Write(organization =>
    {
        var type = call.JsonString("Type") ?? Scp;
        var name = call.JsonString("Name") ?? "";
        if (organization.Policies.Any(p => p.Name == name && p.Type == type))
        {
            return (organization, Envelopes.JsonError(400, "DuplicatePolicyException", "A policy with the same name already exists."));
        }

        var policy = new SyntheticPolicy("p-" + store.NewId(OrganizationStore.LowerAlphanumeric, 8), name, call.JsonString("Description") ?? "", type,
            call.JsonString("Content") ?? "", AwsManaged: false);
        return (organization with { Policies = [.. organization.Policies, policy] }, Policy(organization, policy));
    });

    private WireReply AttachPolicy(AwsCall call) => Write(organization =>
    {
        var policy = organization.Policies.FirstOrDefault(p => p.Id == call.JsonString("PolicyId"));
        var target = call.JsonString("TargetId") ?? "";
        if (policy is null)
        {
            return (organization, Envelopes.JsonError(400, "PolicyNotFoundException", "We can't find a policy with the PolicyId that you specified."));
        }

        if (!IsTarget(organization, target))
        {
            return (organization, Envelopes.JsonError(400, "TargetNotFoundException", "We can't find a root, OU, account, or policy with the TargetId that you specified."));
        }

        if (!organization.RootPolicyTypes.Contains(policy.Type))
        {
            return (organization, Envelopes.JsonError(400, "PolicyTypeNotEnabledException", "The specified policy type isn't currently enabled in this root."));
        }

        if (organization.Attachments.Contains(new SyntheticAttachment(policy.Id, target)))
        {
            return (organization, Envelopes.JsonError(400, "DuplicatePolicyAttachmentException", "The selected policy is already attached to the specified target."));
        }

        return (organization with { Attachments = [.. organization.Attachments, new(policy.Id, target)] }, Envelopes.JsonEmpty());
    });

    private WireReply RegisterDelegatedAdministrator(AwsCall call) => Write(organization =>
    {
        var accountId = call.JsonString("AccountId") ?? "";
        var service = call.JsonString("ServicePrincipal") ?? "";
        if (organization.Find(accountId) is null)
        {
            return (organization, Envelopes.JsonError(400, "AccountNotFoundException", "You specified an account that doesn't exist."));
        }

        if (accountId == organization.ManagementAccountId)
        {
            return (organization, Envelopes.JsonError(400, "ConstraintViolationException", "You cannot register the management account as a delegated administrator."));
        }

        if (organization.DelegatedAdministrators.Any(d => d.AccountId == accountId && d.ServicePrincipal == service))
        {
            return (organization, Envelopes.JsonError(400, "AccountAlreadyRegisteredException", "The provided account is already a delegated administrator for your organization."));
        }

        return (organization with { DelegatedAdministrators = [.. organization.DelegatedAdministrators, new(accountId, service, store.Time.GetUtcNow())] }, Envelopes.JsonEmpty());
    });
}
