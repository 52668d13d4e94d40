using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Core.Checks;
using Scanner.Core.Inventory;

namespace Scanner.Aws.Collectors;

/// <summary>
/// Local IAM users, their keys and the root user. ListUsers says who exists now; the credential report
/// (one call, up to four hours old) gives passwords, MFA and key use. Per-user calls are made only for what
/// the report lacks: tags, key ids, and everything about users created since the report.
/// </summary>
public sealed class IamCollector(ProtocolClient iam, CollectionLog log, int concurrency, Func<TimeSpan, CancellationToken, Task>? delay = null)
{
    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? Task.Delay;

    public async Task<(IReadOnlyList<IamUser> Users, RootUser? Root)> CollectAsync(CancellationToken cancellationToken)
    {
        var usersTask = log.TryAsync<List<IamUserEntry>?>(DataSource.Iam, null, async () =>
        {
            var list = new List<IamUserEntry>();
            await foreach (var user in iam.PaginateAsync(IamApi.ListUsers, new ListUsersRequest(), cancellationToken))
            {
                list.Add(user);
            }

            return list;
        }, null);
        var reportTask = log.TryAsync<IReadOnlyList<CredentialReportRow>?>(DataSource.CredentialReport, null, async () => await ReadReportAsync(cancellationToken), null);
        var entries = await usersTask;
        var report = await reportTask;

        var root = report?.FirstOrDefault(r => r.IsRoot) is { } rootRow ? Root(rootRow) : null;
        if (entries is null)
        {
            return ([], root);
        }

        // A user the report names twice cannot be told apart there: it is read with per-user calls, like one it lacks.
        var rows = (report ?? []).Where(r => !r.IsRoot).GroupBy(r => r.User, StringComparer.Ordinal)
            .Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
        var users = new IamUser?[entries.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, entries.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                try
                {
                    users[i] = await UserAsync(entries[i], rows.GetValueOrDefault(entries[i].UserName), ct);
                }
                catch (AwsServiceException e) when (e.Kind == AwsErrorKind.NotFound)
                {
                    // Deleted between ListUsers and the per-user call: it no longer exists.
                }
                catch (AwsServiceException e)
                {
                    log.Add(DataSource.Iam, null, e);
                }
            });
        return ([.. users.OfType<IamUser>()], root);
    }

    private async Task<IamUser> UserAsync(IamUserEntry entry, CredentialReportRow? row, CancellationToken ct)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var tag in iam.PaginateAsync(IamApi.ListUserTags, new UserPageRequest(entry.UserName), ct))
        {
            tags[tag.Key] = tag.Value ?? "";
        }

        var user = new IamUser
        {
            UserName = entry.UserName,
            Arn = entry.Arn,
            UserId = entry.UserId,
            CreatedAt = entry.CreateDate,
            PasswordLastUsed = entry.PasswordLastUsed ?? row?.PasswordLastUsed,
            Tags = tags,
        };

        if (row is not null)
        {
            var keys = row.Keys.Any(k => k.Active) ? await KeysFromReportAsync(entry.UserName, row, ct) : [];
            return user with { HasConsolePassword = row.PasswordEnabled == true, MfaActive = row.MfaActive, AccessKeys = keys };
        }

        return user with
        {
            HasConsolePassword = await HasLoginProfileAsync(entry.UserName, ct),
            MfaActive = await HasMfaAsync(entry.UserName, ct),
            AccessKeys = await KeysWithLastUseAsync(entry.UserName, ct),
        };
    }

    /// <summary>The report has no key ids: match ListAccessKeys to the report's slots by creation time, then by order.</summary>
    private async Task<IReadOnlyList<AccessKey>> KeysFromReportAsync(string userName, CredentialReportRow row, CancellationToken ct)
    {
        var listed = await ListKeysAsync(userName, ct);
        var slots = row.Keys.ToList();
        var keys = new List<AccessKey>();
        foreach (var key in listed.OrderBy(k => k.CreateDate))
        {
            var slot = slots.FirstOrDefault(s => s.LastRotated is { } rotated && Math.Abs((rotated - key.CreateDate).TotalSeconds) < 2)
                ?? slots.FirstOrDefault();
            if (slot is not null)
            {
                slots.Remove(slot);
            }

            keys.Add(new AccessKey
            {
                AccessKeyId = key.AccessKeyId,
                UserName = userName,
                IsActive = key.Status == "Active",
                CreatedAt = key.CreateDate,
                LastUsedAt = slot?.LastUsed,
                LastUsedService = slot?.LastUsedService,
                LastUsedRegion = slot?.LastUsedRegion,
            });
        }

        return keys;
    }

    private async Task<IReadOnlyList<AccessKey>> KeysWithLastUseAsync(string userName, CancellationToken ct)
    {
        var keys = new List<AccessKey>();
        foreach (var key in await ListKeysAsync(userName, ct))
        {
            var active = key.Status == "Active";
            var lastUsed = active ? (await iam.SendAsync(IamApi.GetAccessKeyLastUsed, new GetAccessKeyLastUsedRequest(key.AccessKeyId), ct)).AccessKeyLastUsed : null;
            keys.Add(new AccessKey
            {
                AccessKeyId = key.AccessKeyId,
                UserName = userName,
                IsActive = active,
                CreatedAt = key.CreateDate,
                LastUsedAt = lastUsed?.LastUsedDate,
                LastUsedService = lastUsed?.ServiceName is "N/A" ? null : lastUsed?.ServiceName,
                LastUsedRegion = lastUsed?.Region is "N/A" ? null : lastUsed?.Region,
            });
        }

        return keys;
    }

    private async Task<List<IamAccessKeyEntry>> ListKeysAsync(string userName, CancellationToken ct)
    {
        var list = new List<IamAccessKeyEntry>();
        await foreach (var key in iam.PaginateAsync(IamApi.ListAccessKeys, new UserPageRequest(userName), ct))
        {
            list.Add(key);
        }

        return list;
    }

    private async Task<bool> HasLoginProfileAsync(string userName, CancellationToken ct)
    {
        try
        {
            await iam.SendAsync(IamApi.GetLoginProfile, new UserRequest(userName), ct);
            return true;
        }
        catch (AwsServiceException e) when (e.Kind == AwsErrorKind.NotFound)
        {
            return false;
        }
    }

    private async Task<bool> HasMfaAsync(string userName, CancellationToken ct)
    {
        await foreach (var _ in iam.PaginateAsync(IamApi.ListMfaDevices, new UserPageRequest(userName), ct))
        {
            return true;
        }

        return false;
    }

    /// <summary>Asks for a fresh report and waits for it (bounded): IAM builds it asynchronously.</summary>
    private async Task<IReadOnlyList<CredentialReportRow>> ReadReportAsync(CancellationToken ct)
    {
        var wait = TimeSpan.FromMilliseconds(500);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var state = await iam.SendAsync(IamApi.GenerateCredentialReport, new EmptyRequest(), ct);
                if (state.State is null or "COMPLETE")
                {
                    var report = await iam.SendAsync(IamApi.GetCredentialReport, new EmptyRequest(), ct);
                    try
                    {
                        return CredentialReport.Parse(report.Content ?? "");
                    }
                    catch (FormatException e)
                    {
                        // A report we cannot read is a gap in what the scan knows, like any unreadable response; not a crash of the scan.
                        throw new AwsServiceException("IAM", "GetCredentialReport", "MalformedResponse", 200, null, "The credential report could not be read: " + e.Message, e);
                    }
                }
            }
            catch (AwsServiceException e) when (e.ErrorCode is "ReportInProgress" or "ReportNotPresent" or "ReportExpired" && attempt < 8)
            {
            }

            if (attempt >= 8)
            {
                throw new AwsServiceException("IAM", "GetCredentialReport", "ReportNotReady", 0, null, "The credential report was not ready after waiting.");
            }

            await _delay(wait, ct);
            wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 4000));
        }
    }

    /// <summary>The root user's credentials as the report states them; a password not_supported stays unknown.</summary>
    public static RootUser Root(CredentialReportRow row) => new()
    {
        Arn = row.Arn,
        MfaActive = row.MfaActive,
        PasswordEnabled = row.PasswordEnabled,
        SigningCertificate1Active = row.Certificate1Active,
        SigningCertificate2Active = row.Certificate2Active,
        AccessKey1Active = row.Keys.Count > 0 && row.Keys[0].Active,
        AccessKey2Active = row.Keys.Count > 1 && row.Keys[1].Active,
        AccessKey1LastUsed = row.Keys.Count > 0 ? row.Keys[0].LastUsed : null,
        AccessKey2LastUsed = row.Keys.Count > 1 ? row.Keys[1].LastUsed : null,
        PasswordLastUsed = row.PasswordLastUsed,
    };
}
