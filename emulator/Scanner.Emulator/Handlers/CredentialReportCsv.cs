using System.Globalization;
using System.Text;
using Scanner.Emulator.Model;

namespace Scanner.Emulator.Handlers;

/// <summary>
/// The IAM credential report as IAM writes it: the real header, a root row, one row per user that existed when the
/// report was generated; N/A, no_information and not_supported where IAM writes them.
/// </summary>
public static class CredentialReportCsv
{
    public const string Header =
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,"
        + "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
        + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
        + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    public static string Build(SyntheticAccount account)
    {
        var csv = new StringBuilder(Header.Length * (account.Users.Count + 2));
        csv.Append(Header).Append('\n');
        var root = account.Root;
        csv.Append("<root_account>,arn:aws:iam::").Append(account.Id).Append(":root,").Append(Time(root.CreatedAt))
            .Append(",not_supported,").Append(root.PasswordLastUsed is { } used ? Time(used) : "no_information")
            .Append(",not_supported,not_supported,").Append(Flag(root.MfaActive))
            .Append(",false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
        foreach (var user in account.Users.Where(u => u.CreatedAt <= account.CredentialReportAt))
        {
            csv.Append(user.Name).Append(",arn:aws:iam::").Append(account.Id).Append(":user").Append(user.Path).Append(user.Name).Append(',')
                .Append(Time(user.CreatedAt)).Append(',').Append(Flag(user.HasConsolePassword)).Append(',')
                .Append(user.HasConsolePassword ? user.PasswordLastUsed is { } last ? Time(last) : "no_information" : "N/A").Append(',')
                .Append(user.HasConsolePassword ? Time(user.CreatedAt) : "N/A").Append(",N/A,")
                .Append(Flag(user.MfaSerial is not null));
            var keys = user.Keys.OrderBy(k => k.CreatedAt).ToList();
            for (var slot = 0; slot < 2; slot++)
            {
                var key = slot < keys.Count ? keys[slot] : null;
                csv.Append(',').Append(Flag(key?.Active ?? false))
                    .Append(',').Append(key is null ? "N/A" : Time(key.CreatedAt))
                    .Append(',').Append(key?.LastUsedAt is { } at ? Time(at) : "N/A")
                    .Append(',').Append(key?.LastUsedRegion ?? "N/A")
                    .Append(',').Append(key?.LastUsedService ?? "N/A");
            }

            csv.Append(",false,N/A,false,N/A\n");
        }

        return csv.ToString();
    }

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + "+00:00";
}
