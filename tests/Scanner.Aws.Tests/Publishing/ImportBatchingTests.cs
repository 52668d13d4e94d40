using Scanner.Aws.Publishing;
using Scanner.Aws.Services;

namespace Scanner.Aws.Tests.Publishing;

public sealed class ImportBatchingTests
{
    [Fact]
    public void Batches_hold_at_most_100_findings_in_order()
    {
        var findings = Enumerable.Range(0, 250).Select(i => (new AsffFinding { Id = $"f{i:D3}" }, 1000)).ToList();

        var batches = ImportBatches.Split(findings, 100, int.MaxValue);

        batches.Select(b => b.Count).Should().Equal(100, 100, 50);
        batches.SelectMany(b => b).Select(f => f.Id).Should().Equal(findings.Select(f => f.Item1.Id));
    }

    [Fact]
    public void Batches_are_also_cut_by_bytes()
    {
        var findings = Enumerable.Range(0, 10).Select(i => (new AsffFinding { Id = $"f{i}" }, 200_000)).ToList();

        var batches = ImportBatches.Split(findings, 100, 1_000_000);

        batches.Select(b => b.Count).Should().Equal(5, 5);
    }

    [Theory]
    [InlineData("ThrottlingException", true)]
    [InlineData("LimitExceededException", true)]
    [InlineData("LimitExceeded", true)]
    [InlineData("InternalException", true)]
    [InlineData("InternalFailure", true)]
    [InlineData("ServiceUnavailable", true)]
    [InlineData("TooManyRequestsException", true)]
    [InlineData("InvalidInput", false)]
    [InlineData("InvalidAccessException", false)]
    [InlineData("AccessDeniedException", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_throttling_quota_and_internal_failures_are_retried(string? code, bool transient) =>
        ImportFailures.IsTransient(code).Should().Be(transient);
}
