namespace Scanner.Core.Inventory;

/// <summary>A region the account can use. OptInStatus: opt-in-not-required, opted-in.</summary>
public sealed record EnabledRegion(string Name, string OptInStatus)
{
    public bool IsOptIn => OptInStatus == "opted-in";
}
