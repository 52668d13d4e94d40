namespace Scanner.Testing.Inventory;

using Scanner.Core.Inventory;

/// <summary>Builds an account's inventory one fact at a time.</summary>
public sealed class InventoryBuilder
{
    private readonly List<IamUser> users = [];
    private readonly List<Trail> trails = [];
    private readonly List<EnabledRegion> regions = [];
    private readonly List<CloudResource> resources = [];
    private readonly List<CollectionGap> gaps = [];
    private OrganizationAccount account;
    private RootUser? root;
    private RootAccessManagement? rootAccess;
    private string homeRegion = Scenario.HomeRegion;

    private InventoryBuilder(OrganizationAccount account) => this.account = account;

    public static InventoryBuilder Member(string id = Scenario.MemberId, string name = "Production") =>
        new(new OrganizationAccount { Id = id, Name = name, Email = $"{name.ToLowerInvariant()}@example.com" });

    public static InventoryBuilder Management(string id = Scenario.ManagementId, string name = "Management") =>
        new(new OrganizationAccount { Id = id, Name = name, Email = "root@example.com", IsManagementAccount = true });

    public InventoryBuilder AccountTags(params (string Key, string Value)[] tags)
    {
        account = account with { Tags = Make.Tags(tags) };
        return this;
    }

    /// <summary>The Region the scan ran from, where global subjects (IAM users, the account) are reported.</summary>
    public InventoryBuilder Home(string region)
    {
        homeRegion = region;
        return this;
    }

    public InventoryBuilder InOus(params OrganizationalUnit[] path)
    {
        account = account with { OuPath = path };
        return this;
    }

    public InventoryBuilder User(IamUser user)
    {
        users.Add(user);
        return this;
    }

    public InventoryBuilder Root(RootUser rootUser)
    {
        root = rootUser;
        return this;
    }

    public InventoryBuilder RootAccess(RootAccessManagement setting)
    {
        rootAccess = setting;
        return this;
    }

    public InventoryBuilder Trail(Trail trail)
    {
        trails.Add(trail);
        return this;
    }

    public InventoryBuilder Region(string name, bool optIn = false)
    {
        regions.Add(new EnabledRegion(name, optIn ? "opted-in" : "opt-in-not-required"));
        return this;
    }

    public InventoryBuilder Resource(CloudResource resource)
    {
        resources.Add(resource);
        return this;
    }

    public InventoryBuilder Gap(string service, string? region = null)
    {
        gaps.Add(new CollectionGap(service, region, "Describe", "AccessDenied", "not authorized"));
        return this;
    }

    public AccountInventory Build() => new()
    {
        Account = account,
        HomeRegion = homeRegion,
        CollectedAt = Scenario.Now,
        IamUsers = [.. users],
        Root = root,
        RootAccessManagement = rootAccess,
        Trails = [.. trails],
        EnabledRegions = [.. regions],
        Resources = [.. resources],
        Gaps = [.. gaps],
    };
}
