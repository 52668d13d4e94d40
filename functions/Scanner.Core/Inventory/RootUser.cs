namespace Scanner.Core.Inventory;

/// <summary>
/// The root user's row of the credential report. Member accounts created under centralized root access have a root
/// user without any credentials: no password, no access keys, no signing certificates.
/// </summary>
public sealed record RootUser
{
    public required string Arn { get; init; }
    public bool MfaActive { get; init; }

    /// <summary>password_enabled: true or false; null when the report says not_supported, which tells nothing either way.</summary>
    public bool? PasswordEnabled { get; init; }

    public bool AccessKey1Active { get; init; }
    public bool AccessKey2Active { get; init; }
    public DateTimeOffset? AccessKey1LastUsed { get; init; }
    public DateTimeOffset? AccessKey2LastUsed { get; init; }
    public DateTimeOffset? PasswordLastUsed { get; init; }

    /// <summary>cert_1_active and cert_2_active: X.509 signing certificates, which sign requests like keys do.</summary>
    public bool SigningCertificate1Active { get; init; }
    public bool SigningCertificate2Active { get; init; }

    public bool HasActiveAccessKey => AccessKey1Active || AccessKey2Active;

    public bool HasActiveSigningCertificate => SigningCertificate1Active || SigningCertificate2Active;

    /// <summary>
    /// True when the root user can sign in or sign requests; false when the report shows it has no password, no active
    /// access key and no active signing certificate; null when that cannot be told (the password is not_supported).
    /// </summary>
    public bool? HasCredentials => PasswordEnabled == true || HasActiveAccessKey || HasActiveSigningCertificate
        ? true
        : PasswordEnabled is null ? null : false;

    /// <summary>"a password, 1 active access key and an active signing certificate", for finding text.</summary>
    public IReadOnlyList<string> CredentialNames()
    {
        var names = new List<string>();
        if (PasswordEnabled == true)
        {
            names.Add("a password");
        }

        var keys = (AccessKey1Active ? 1 : 0) + (AccessKey2Active ? 1 : 0);
        if (keys > 0)
        {
            names.Add(keys == 1 ? "an active access key" : "2 active access keys");
        }

        var certificates = (SigningCertificate1Active ? 1 : 0) + (SigningCertificate2Active ? 1 : 0);
        if (certificates > 0)
        {
            names.Add(certificates == 1 ? "an active signing certificate" : "2 active signing certificates");
        }

        return names;
    }
}
