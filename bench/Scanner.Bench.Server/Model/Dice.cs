namespace Scanner.Bench.Server.Model;

/// <summary>
/// Deterministic pseudo-random draws (SplitMix64) seeded per account, so account i is the same whatever the size of
/// the organization and in every process that builds it (the bench and its server child agree without talking).
/// </summary>
internal sealed class Dice(ulong seed)
{
    private ulong _state = seed;

    public static Dice For(int organizationSeed, int accountIndex)
        => new((ulong)organizationSeed * 0x9E3779B97F4A7C15UL ^ ((ulong)accountIndex + 1) * 0xBF58476D1CE4E5B9UL);

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>An integer in [min, max].</summary>
    public int Between(int min, int max) => min + (int)(Next() % (ulong)(max - min + 1));

    /// <summary>True with the given probability (0..1).</summary>
    public bool Chance(double probability) => Next() % 10_000 < (ulong)(probability * 10_000);

    public T Pick<T>(IReadOnlyList<T> items) => items[(int)(Next() % (ulong)items.Count)];

    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string Hex = "0123456789abcdef";

    public string UpperId(int length) => Chars(Upper, length);

    public string HexId(int length) => Chars(Hex, length);

    private string Chars(string alphabet, int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[(int)(Next() % (ulong)alphabet.Length)];
        }

        return new string(chars);
    }
}
