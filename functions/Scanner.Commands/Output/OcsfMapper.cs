using Scanner.Aws.Publishing;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;

namespace Scanner.Commands.Output;

/// <summary>
/// One check result as an OCSF 1.6 Compliance Finding, mapped the way Security Hub maps its own control findings:
/// FAILED is compliance Fail and a New finding; EXEMPTED is compliance Fail and a Suppressed finding (the control
/// still fails; the exemption, named in status_detail, accepts it); PASSED is compliance Pass and Resolved; ERROR
/// (the account could not be scanned) is compliance Warning, "did not yield a result due to missing information",
/// and a New finding. Every event is the activity Create: the output is one scan's observations, not a change log
/// of what Security Hub held before. Pure: no I/O, no clock.
/// </summary>
public sealed class OcsfMapper(string organizationId, IReadOnlyList<OrganizationAccount> accounts, DateTimeOffset scanTime)
{
    public const string SchemaVersion = "1.6.0";
    private const int ComplianceFindingClass = 2003;
    private const int FindingsCategory = 2;
    private const int ActivityCreate = 1;
    private const int AwsAccountType = 10;
    private const int AnalyticRule = 1;
    private const int ResourceRoleTarget = 1;

    private readonly Dictionary<string, OrganizationAccount> _accounts = accounts.ToDictionary(a => a.Id, StringComparer.Ordinal);

    public OcsfComplianceFinding Map(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var metadata = CheckCatalog.Find(result.CheckId);
        var account = _accounts.GetValueOrDefault(result.AccountId);
        var (statusId, status) = FindingStatus(result.Status);
        var (complianceId, compliance) = ComplianceStatus(result.Status);
        var controls = metadata?.Controls ?? [];
        var parent = account is { OuPath.Count: > 0 } ? account.OuPath[^1] : null;
        return new OcsfComplianceFinding
        {
            ActivityId = ActivityCreate,
            ActivityName = "Create",
            CategoryUid = FindingsCategory,
            CategoryName = "Findings",
            ClassUid = ComplianceFindingClass,
            ClassName = "Compliance Finding",
            TypeUid = (ComplianceFindingClass * 100L) + ActivityCreate,
            TypeName = "Compliance Finding: Create",
            SeverityId = SeverityId(result.Severity),
            Severity = result.Severity.ToString(),
            StatusId = statusId,
            Status = status,
            StatusDetail = result.Reason,
            Time = scanTime.ToUnixTimeMilliseconds(),
            Message = result.Title,
            Metadata = new OcsfMetadata(SchemaVersion, ["cloud"], new OcsfProduct(ScannerProduct.Name, ScannerProduct.Version)),
            Cloud = new OcsfCloud(
                "AWS",
                result.Region,
                new OcsfAccount(result.AccountId, string.IsNullOrEmpty(account?.Name) ? null : account.Name, AwsAccountType, "AWS Account"),
                new OcsfOrganization(organizationId, parent?.Id, parent?.Name)),
            Compliance = new OcsfCompliance
            {
                Control = result.CheckId,
                Standards = controls.Count == 0 ? null : [.. controls.Select(StandardOf).Distinct(StringComparer.Ordinal)],
                Requirements = controls.Count == 0 ? null : controls,
                StatusId = complianceId,
                Status = compliance,
                StatusDetail = result.Reason,
            },
            FindingInfo = new OcsfFindingInfo
            {
                Uid = FindingIdentity.For(result),
                Title = result.Title,
                Desc = result.Description,
                Types = metadata is { FindingTypes.Count: > 0 } ? metadata.FindingTypes : null,
                Analytic = new OcsfAnalytic(result.CheckId, metadata?.Title ?? result.CheckId, AnalyticRule, "Rule"),
            },
            Resources =
            [
                new OcsfResource
                {
                    Uid = result.ResourceId,
                    Type = result.ResourceType,
                    Region = result.Region,
                    RoleId = ResourceRoleTarget,
                    Role = "Target",
                    Data = result.Details.Count == 0 ? null : result.Details,
                },
            ],
            Remediation = new OcsfRemediation(result.Remediation, string.IsNullOrWhiteSpace(result.RemediationUrl) ? null : [result.RemediationUrl]),
        };
    }

    /// <summary>OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical.</summary>
    public static int SeverityId(Severity severity) => severity switch
    {
        Severity.Informational => 1,
        Severity.Low => 2,
        Severity.Medium => 3,
        Severity.High => 4,
        Severity.Critical => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };

    /// <summary>The finding's status_id: 1 New, 3 Suppressed, 4 Resolved; 99 Other for a check that does not apply (scp.* on the management account).</summary>
    public static (int Id, string Caption) FindingStatus(CheckStatus status) => status switch
    {
        CheckStatus.Failed or CheckStatus.Error => (1, "New"),
        CheckStatus.Exempted => (3, "Suppressed"),
        CheckStatus.Passed => (4, "Resolved"),
        CheckStatus.NotApplicable => (99, "Other"),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown status."),
    };

    /// <summary>compliance.status_id: 1 Pass, 2 Warning (no verdict: data missing), 3 Fail; 99 Other when the check does not apply.</summary>
    public static (int Id, string Caption) ComplianceStatus(CheckStatus status) => status switch
    {
        CheckStatus.Passed => (1, "Pass"),
        CheckStatus.NotApplicable => (99, "Other"),
        CheckStatus.Error => (2, "Warning"),
        CheckStatus.Failed or CheckStatus.Exempted => (3, "Fail"),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown status."),
    };

    /// <summary>The benchmark of a control reference: "CIS AWS Foundations 1.4" is a control of "CIS AWS Foundations".</summary>
    private static string StandardOf(string control)
    {
        var space = control.LastIndexOf(' ');
        return space > 0 ? control[..space] : control;
    }
}
