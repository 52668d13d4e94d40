using System.Text.Json;
using Scanner.Aws.Publishing;
using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.EndToEnd;

/// <summary>
/// The Security Hub filter the README gives reviewers selects what the publisher writes: the same product name and
/// product-field keys and values, in botocore's AwsSecurityFindingFilters shape (moto does not implement filters).
/// </summary>
public sealed class ReadmeExemptionFilterTests
{
    [Fact]
    public void The_README_filter_for_exempted_findings_uses_the_fields_the_publisher_sets()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var command = readme.IndexOf("aws securityhub get-findings --filters '", StringComparison.Ordinal);
        command.Should().BeGreaterThanOrEqualTo(0, because: "the README's exemption section gives the reviewer's filter");
        var start = readme.IndexOf('\'', command) + 1;
        var filterText = readme[start..readme.IndexOf('\'', start)];
        var queryStart = readme.IndexOf("--query '", start, StringComparison.Ordinal) + "--query '".Length;
        var query = readme[queryStart..readme.IndexOf('\'', queryStart)];

        using var filter = JsonDocument.Parse(filterText);
        var product = filter.RootElement.GetProperty("ProductName").EnumerateArray().Single();
        product.GetProperty("Value").GetString().Should().Be(ScannerProduct.Name);
        product.GetProperty("Comparison").GetString().Should().Be("EQUALS");
        var field = filter.RootElement.GetProperty("ProductFields").EnumerateArray().Single();
        field.GetProperty("Key").GetString().Should().Be(ScannerProduct.Fields.Status);
        field.GetProperty("Value").GetString().Should().Be("EXEMPTED");
        field.GetProperty("Comparison").GetString().Should().Be("EQUALS");
        foreach (var key in new[] { ScannerProduct.Fields.ExemptionSource, ScannerProduct.Fields.ExemptionDeclaredAt, ScannerProduct.Fields.ExemptionReason, ScannerProduct.Fields.ExemptionUntil })
        {
            query.Should().Contain($"ProductFields.\"{key}\"", because: "the reviewer sees where each exemption was declared, why, and until when");
        }

        readme.Should().Contain($"{{\"Key\": \"{ScannerProduct.Fields.ExemptionRefusedBy}\", \"Value\": \"tagExemptions.\", \"Comparison\": \"CONTAINS\"}}");
    }
}
