namespace Scanner.Lambda.Events;

public static class AwsAccountId
{
    /// <summary>Exactly twelve ASCII digits: the only form an account id takes (leading zeros included).</summary>
    public static bool IsValid(string? value)
    {
        if (value is not { Length: 12 })
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
