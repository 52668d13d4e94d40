using System.Collections;
using Scanner.Lambda.Configuration;

namespace Scanner.Functions.Tests.Configuration;

/// <summary>The dispatcher's change queues, as template.yaml sets them: the FIFO change queue and the change scan queue.</summary>
public sealed class ChangeQueueSettingsTests
{
    private const string ChangeQueue = "https://sqs.us-east-1.amazonaws.com/123456789012/org-compliance-scanner-ChangeQueue-AbC.fifo";
    private const string ChangeScanQueue = "https://sqs.us-east-1.amazonaws.com/123456789012/org-compliance-scanner-ChangeScanQueue-AbC";

    private static Hashtable Environment(string? changeQueue, string? changeScanQueue) => new()
    {
        ["AUDIT_ROLE_NAME"] = "OrganizationComplianceAudit",
        ["APPROVED_REGIONS"] = "us-east-1",
        ["SCAN_QUEUE_URL"] = "https://sqs.us-east-1.amazonaws.com/123456789012/scan",
        ["AWS_REGION"] = "us-east-1",
        ["CHANGE_QUEUE_URL"] = changeQueue,
        ["CHANGE_SCAN_QUEUE_URL"] = changeScanQueue,
    };

    [Fact]
    public void Both_queues_are_read()
    {
        var settings = FunctionSettings.FromEnvironment(Environment(ChangeQueue, ChangeScanQueue), FunctionRole.Dispatcher);

        settings.ChangeQueueUrl.Should().Be(new Uri(ChangeQueue));
        settings.ChangeScanQueueUrl.Should().Be(new Uri(ChangeScanQueue));
    }

    [Fact]
    public void Without_them_change_events_are_off_and_nothing_else_changes()
    {
        var settings = FunctionSettings.FromEnvironment(Environment(null, ""), FunctionRole.Dispatcher);

        settings.ChangeQueueUrl.Should().BeNull();
        settings.ChangeScanQueueUrl.Should().BeNull();
    }

    [Fact]
    public void A_change_queue_that_is_not_FIFO_is_refused_because_it_could_not_debounce()
    {
        var act = () => FunctionSettings.FromEnvironment(Environment(ChangeScanQueue, null), FunctionRole.Dispatcher);

        act.Should().Throw<ConfigurationException>().Which.Message.Should().Contain("CHANGE_QUEUE_URL").And.Contain("not a FIFO queue");
    }
}
