using System.Text.Json;
using Scanner.Aws.Services;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Resources;

namespace Scanner.Aws.Publishing;

/// <summary>
/// One check result as a complete, valid ASFF finding, as it would look if it were seen for the first time now:
/// FAILED and ERROR results are ACTIVE with Compliance FAILED; PASSED results and EXEMPTED ones are ARCHIVED with
/// Compliance PASSED, the exemption named in the description and in ProductFields (its source, declaration, reason and
/// expiry each in a field of its own, for filters). Workflow is never set: see the README's exemption section for why
/// not SUPPRESSED. The reconciler then carries
/// over what Security Hub already knows (creation and first-observation times). Pure: no I/O, no clock.
/// </summary>
public sealed class AsffMapper
{
    private static readonly IReadOnlyList<string> DefaultTypes = ["Software and Configuration Checks"];

    private readonly Func<string, CheckMetadata?> _metadata;

    /// <param name="metadata">Check metadata by id (types, controls, remediation link); the catalog by default.</param>
    public AsffMapper(Func<string, CheckMetadata?>? metadata = null)
    {
        _metadata = metadata ?? CheckCatalog.Find;
    }

    /// <summary>The finding for <paramref name="result"/>, imported into <paramref name="region"/> of the result's account.</summary>
    /// <param name="result">A result of the account the finding is stored in (its AccountId).</param>
    /// <param name="region">The Region whose Security Hub receives the finding: the account's home Region.</param>
    /// <param name="now">The scan's time: CreatedAt, UpdatedAt, FirstObservedAt and LastObservedAt of a new finding.</param>
    public AsffFinding Map(CheckResult result, string region, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var metadata = _metadata(result.CheckId);
        var failing = result.Status is CheckStatus.Failed or CheckStatus.Error;
        var severity = new AsffSeverity(Label(result.Severity), Label(result.Severity));
        var types = Types(metadata);
        var timestamp = AsffFormat.Timestamp(now);

        var finding = new AsffFinding
        {
            SchemaVersion = AsffFormat.SchemaVersion,
            Id = FindingIdentity.For(result),
            ProductArn = ScannerProduct.ProductArn(region, result.AccountId),
            GeneratorId = result.CheckId,
            AwsAccountId = result.AccountId,
            Types = types,
            CreatedAt = timestamp,
            UpdatedAt = timestamp,
            FirstObservedAt = timestamp,
            LastObservedAt = timestamp,
            Severity = severity,
            FindingProviderFields = new AsffFindingProviderFields(severity, types),
            Title = AsffLimits.Shorten(NonEmpty(result.Title, metadata?.Title ?? result.CheckId), AsffFormat.TitleLength),
            Description = AsffLimits.Shorten(Description(result, metadata), AsffFormat.DescriptionLength),
            Remediation = Remediation(result, metadata),
            ProductFields = ProductFields(result),
            Resources = [Resource(result)],
            Compliance = new AsffCompliance(
                failing ? "FAILED" : result.Status == CheckStatus.NotApplicable ? "NOT_AVAILABLE" : "PASSED",
                metadata is { Controls.Count: > 0 } ? [.. metadata.Controls.Take(AsffFormat.RelatedRequirementsCount)] : null),
            RecordState = failing ? "ACTIVE" : "ARCHIVED",
            Region = region,
            ProductName = ScannerProduct.Name,
            CompanyName = ScannerProduct.CompanyName,
        };
        return FitToSize(finding);
    }

    /// <summary>The size of a finding as sent to BatchImportFindings (UTF-8 JSON).</summary>
    public static int SizeOf(AsffFinding finding) =>
        JsonSerializer.SerializeToUtf8Bytes(finding, AwsJsonContext.Default.AsffFinding).Length;

    /// <summary>ASFF severity label of a result's severity.</summary>
    public static string Label(Severity severity) => severity switch
    {
        Severity.Informational => "INFORMATIONAL",
        Severity.Low => "LOW",
        Severity.Medium => "MEDIUM",
        Severity.High => "HIGH",
        Severity.Critical => "CRITICAL",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };

    /// <summary>
    /// Our own limits keep a finding far below 240 KB; should one still be larger (a future field), the free-form
    /// resource details go first, then the optional product fields. What remains too large is refused by the
    /// publisher with FindingTooLarge, never sent to fail in Security Hub.
    /// </summary>
    internal static AsffFinding FitToSize(AsffFinding finding)
    {
        if (SizeOf(finding) < AsffFormat.FindingBytes)
        {
            return finding;
        }

        var withoutOther = finding with
        {
            Resources = finding.Resources?.Select(r => r.Details is null ? r : r with { Details = r.Details with { Other = null } }).ToList(),
        };
        if (SizeOf(withoutOther) < AsffFormat.FindingBytes)
        {
            return withoutOther;
        }

        var essentialKeys = new[] { ScannerProduct.Fields.ProviderName, ScannerProduct.Fields.ProviderVersion, ScannerProduct.Fields.CheckId, ScannerProduct.Fields.Status };
        return withoutOther with
        {
            ProductFields = withoutOther.ProductFields?
                .Where(p => essentialKeys.Contains(p.Key, StringComparer.Ordinal))
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        };
    }

    private static List<string> Types(CheckMetadata? metadata)
    {
        var types = metadata is { FindingTypes.Count: > 0 } ? metadata.FindingTypes : DefaultTypes;
        return [.. types.Take(AsffFormat.TypesCount)];
    }

    private static string Description(CheckResult result, CheckMetadata? metadata)
    {
        var description = NonEmpty(result.Description, metadata?.Description ?? result.Title);
        if (result.Status == CheckStatus.Exempted)
        {
            // The reason goes first so that truncation can never cut it off.
            var reason = string.IsNullOrWhiteSpace(result.Reason) ? "exempted" : result.Reason.Trim().TrimEnd('.');
            return $"EXEMPTED: {reason}. {description}";
        }

        return description;
    }

    private static AsffRemediation Remediation(CheckResult result, CheckMetadata? metadata)
    {
        var text = NonEmpty(result.Remediation, metadata?.Remediation ?? "See the check's documentation.");
        var url = string.IsNullOrWhiteSpace(result.RemediationUrl) ? metadata?.RemediationUrl : result.RemediationUrl;
        return new AsffRemediation(new AsffRecommendation(
            AsffLimits.Shorten(text, AsffFormat.RecommendationTextLength),
            string.IsNullOrWhiteSpace(url) ? null : url));
    }

    private static Dictionary<string, string> ProductFields(CheckResult result)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ScannerProduct.Fields.ProviderName] = ScannerProduct.Name,
            [ScannerProduct.Fields.ProviderVersion] = ScannerProduct.Version,
            [ScannerProduct.Fields.CheckId] = result.CheckId,
            [ScannerProduct.Fields.Status] = result.Status.ToString().ToUpperInvariant(),
        };
        if (!string.IsNullOrWhiteSpace(result.Reason))
        {
            var key = result.Status switch
            {
                CheckStatus.Exempted => ScannerProduct.Fields.Exemption,
                CheckStatus.Error => ScannerProduct.Fields.Error,
                _ => null,
            };
            if (key is not null)
            {
                fields[key] = AsffLimits.Shorten(result.Reason.Trim(), AsffFormat.ProductFieldValueLength);
            }
        }

        foreach (var (key, value) in ExemptionFields(result))
        {
            fields[key] = AsffLimits.Shorten(value, AsffFormat.ProductFieldValueLength);
        }

        return fields;
    }

    /// <summary>
    /// The exemption as separate product fields, so that a reviewer can filter Security Hub on them (ProductFields
    /// is a map filter: compliance/status EQUALS EXEMPTED) and read source, reason and expiry without parsing text;
    /// on a FAILED finding, the rules that refused a self-granted exemption tag.
    /// </summary>
    private static IEnumerable<(string Key, string Value)> ExemptionFields(CheckResult result)
    {
        if (result.Status == CheckStatus.Exempted && result.Exemptions.FirstOrDefault(d => d.State == ExemptionState.InForce) is { } applied)
        {
            yield return (ScannerProduct.Fields.ExemptionSource, applied.SourceName);
            yield return (ScannerProduct.Fields.ExemptionDeclaredAt, applied.DeclaredAt);
            yield return (ScannerProduct.Fields.ExemptionUntil, applied.Until?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "none");
            if (!string.IsNullOrWhiteSpace(applied.Reason))
            {
                yield return (ScannerProduct.Fields.ExemptionReason, applied.Reason);
            }
        }
        else if (result.Status == CheckStatus.Failed && result.Exemptions.SelectMany(d => d.RefusedBy).Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } rules)
        {
            yield return (ScannerProduct.Fields.ExemptionRefusedBy, string.Join(", ", rules));
        }
    }

    private static AsffResource Resource(CheckResult result)
    {
        var type = string.IsNullOrWhiteSpace(result.ResourceType) ? ResourceTypes.Other : result.ResourceType;
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in result.Details)
        {
            if (!string.IsNullOrWhiteSpace(key) && !string.IsNullOrWhiteSpace(value))
            {
                details[key] = value;
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        string? Take(string key)
        {
            if (details.TryGetValue(key, out var value))
            {
                used.Add(key);
                return value;
            }

            return null;
        }

        var resourceDetails = result.ResourceDetails switch
        {
            Ec2InstanceDetails instance => new AsffResourceDetails { AwsEc2Instance = Ec2Instance(instance) },
            LambdaFunctionDetails function => new AsffResourceDetails { AwsLambdaFunction = LambdaFunction(function) },
            _ => ByType(result, type, Take),
        };

        // Whatever the typed details do not hold goes into Other, as the ASFF documentation asks.
        var other = details
            .Where(p => !used.Contains(p.Key))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Take(AsffFormat.OtherDetailsCount)
            .ToDictionary(
                p => AsffLimits.Shorten(p.Key, AsffFormat.FieldKeyLength),
                p => AsffLimits.Shorten(p.Value, AsffFormat.OtherDetailValueLength),
                StringComparer.Ordinal);
        if (other.Count > 0)
        {
            resourceDetails = resourceDetails with { Other = other };
        }

        var empty = resourceDetails == new AsffResourceDetails();
        return new AsffResource
        {
            Type = type,
            Id = result.ResourceId,
            Partition = Protocols.AwsEndpoints.PartitionOf(result.Region),
            Region = result.Region,
            Details = empty ? null : resourceDetails,
        };
    }

    /// <summary>Details of the subjects that are not collected resources (users, keys, trails), from the result's facts.</summary>
    private static AsffResourceDetails ByType(CheckResult result, string type, Func<string, string?> take) => type switch
    {
        ResourceTypes.IamUser => new AsffResourceDetails
        {
            AwsIamUser = new AsffIamUserDetails(
                take("UserName") ?? LastSegment(result.ResourceId, '/'),
                take("UserId"),
                IsoOrNull(take("CreatedAt"))),
        },
        ResourceTypes.IamAccessKey => IamAccessKey(result, take),
        ResourceTypes.CloudTrailTrail => new AsffResourceDetails
        {
            AwsCloudTrailTrail = new AsffCloudTrailTrailDetails(
                take("Name") ?? LastSegment(result.ResourceId, '/'),
                take("HomeRegion"),
                BoolOrNull(take("IsMultiRegionTrail")),
                BoolOrNull(take("IsOrganizationTrail")),
                BoolOrNull(take("LogFileValidationEnabled")),
                take("S3BucketName")),
        },
        _ => new AsffResourceDetails(),
    };

    private static AsffEc2InstanceDetails Ec2Instance(Ec2InstanceDetails instance) => new()
    {
        Type = instance.InstanceType,
        ImageId = instance.ImageId,
        IpV4Addresses = instance.PrivateIpAddresses.Count > 0 ? [.. instance.PrivateIpAddresses] : null,
        KeyName = instance.KeyName,
        IamInstanceProfileArn = instance.IamInstanceProfileArn,
        VpcId = instance.VpcId,
        SubnetId = instance.SubnetId,
        LaunchedAt = instance.LaunchedAt is { } launched ? AsffFormat.Timestamp(launched) : null,
    };

    private static AsffLambdaFunctionDetails LambdaFunction(LambdaFunctionDetails function) => new()
    {
        FunctionName = function.FunctionName,
        Runtime = function.Runtime,
        Role = function.Role,
        Handler = function.Handler,
        LastModified = IsoOrNull(function.LastModified),
        MemorySize = function.MemorySize,
        Timeout = function.Timeout,
        Version = function.Version,
        PackageType = function.PackageType,
        Architectures = function.Architectures.Count > 0 ? [.. function.Architectures] : null,
    };

    private static AsffResourceDetails IamAccessKey(CheckResult result, Func<string, string?> take)
    {
        var userName = take("UserName");
        var status = take("Status");
        return new AsffResourceDetails
        {
            AwsIamAccessKey = new AsffIamAccessKeyDetails(
                PrincipalName: userName,
                PrincipalType: userName is null ? null : "IAMUser",
                Status: status is "Active" or "Inactive" ? status : null,
                CreatedAt: IsoOrNull(take("CreatedAt")),
                AccessKeyId: take("AccessKeyId") ?? AfterMarker(result.ResourceId, "/access-key/")),
        };
    }

    private static string NonEmpty(string? text, string fallback) =>
        string.IsNullOrWhiteSpace(text) ? fallback : text.Trim();

    private static string? IsoOrNull(string? value) =>
        AsffFormat.ParseTimestamp(value) is { } parsed ? AsffFormat.Timestamp(parsed) : null;

    private static bool? BoolOrNull(string? value) => bool.TryParse(value, out var parsed) ? parsed : null;

    private static string? LastSegment(string id, char separator)
    {
        var last = id.LastIndexOf(separator);
        return last >= 0 && last < id.Length - 1 ? id[(last + 1)..] : null;
    }

    private static string? AfterMarker(string id, string marker)
    {
        var at = id.LastIndexOf(marker, StringComparison.Ordinal);
        return at >= 0 && at + marker.Length < id.Length ? id[(at + marker.Length)..] : null;
    }


}
