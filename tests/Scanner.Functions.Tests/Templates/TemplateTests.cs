using Scanner.Functions.Tests.Support;
using YamlDotNet.RepresentationModel;
using static Scanner.Functions.Tests.Templates.CloudFormationYaml;

namespace Scanner.Functions.Tests.Templates;

public sealed class TemplateTests
{
    private static readonly CloudFormationYaml Template = CloudFormationYaml.Load(Repository.PathOf("template.yaml"));

    [Fact]
    public async Task Cfn_lint_passes_every_template_without_a_word()
    {
        var result = await ProcessRunner.RunAsync(
            "cfn-lint",
            ["template.yaml", "audit-role.yaml", "member-events.yaml"],
            Repository.Root,
            installHint: "python3 -m pip install cfn-lint",
            timeout: TimeSpan.FromMinutes(3));

        result.Output.Should().BeEmpty();
        result.ExitCode.Should().Be(0);
    }

    [Fact]
    public void The_queue_hides_a_message_for_six_scanner_timeouts_and_dead_letters_it_after_three_receives()
    {
        var timeout = int.Parse(Scalar(Get(Template.Resource("AccountScannerFunction"), "Properties", "Timeout"))!, System.Globalization.CultureInfo.InvariantCulture);
        var queue = Template.Resource("ScanQueue");

        timeout.Should().Be(600);
        Scalar(Get(queue, "Properties", "VisibilityTimeout")).Should().Be((6 * timeout).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Scalar(Get(queue, "Properties", "RedrivePolicy", "maxReceiveCount")).Should().Be("3");
        Scalar(Get(queue, "Properties", "SqsManagedSseEnabled")).Should().Be("true");
        Scalar(Get(Template.Resource("ScanDeadLetterQueue"), "Properties", "SqsManagedSseEnabled")).Should().Be("true");
    }

    [Fact]
    public void The_scanner_reads_batches_with_partial_failures()
    {
        var events = Get(Template.Resource("AccountScannerFunction"), "Properties", "Events", "ScanJobs", "Properties")!;

        Scalar(Get(events, "BatchSize")).Should().Be("10");
        Scalar(Get(events, "MaximumBatchingWindowInSeconds")).Should().Be("5");
        Strings(Get(events, "FunctionResponseTypes")).Should().Equal("ReportBatchItemFailures");
        Strings(Get(events, "ScalingConfig", "MaximumConcurrency")).Should().Equal("!Ref ScannerMaximumConcurrency");
    }

    [Theory]
    [InlineData("DispatcherFunction", "300")]
    [InlineData("AccountScannerFunction", "600")]
    public void Functions_are_native_bootstraps_built_by_the_makefile(string logicalId, string timeout)
    {
        var function = Template.Resource(logicalId);

        Scalar(Get(function, "Metadata", "BuildMethod")).Should().Be("makefile");
        Scalar(Get(function, "Properties", "CodeUri")).Should().Be(".");
        Scalar(Get(function, "Properties", "Timeout")).Should().Be(timeout);
        Scalar(Get(Template.Root, "Globals", "Function", "Runtime")).Should().Be("provided.al2023");
        Scalar(Get(Template.Root, "Globals", "Function", "Handler")).Should().Be("bootstrap");
        File.ReadAllText(Repository.PathOf("Makefile")).Should().Contain($"build-{logicalId}");
    }

    [Fact]
    public void The_dispatcher_is_triggered_by_the_schedule_and_both_account_creation_events()
    {
        var events = (YamlMappingNode)Get(Template.Resource("DispatcherFunction"), "Properties", "Events")!;

        Strings(Get(events, "Schedule", "Properties", "Schedule")).Should().Equal("!Ref ScheduleExpression");
        var created = Get(events, "AccountCreated", "Properties", "Pattern")!;
        Strings(Get(created, "source")).Should().Equal("aws.organizations");
        Strings(Get(created, "detail-type")).Should().Equal("AWS Service Event via CloudTrail");
        Strings(Get(created, "detail", "eventName")).Should().Equal("CreateAccountResult");
        Strings(Get(created, "detail", "serviceEventDetails", "createAccountStatus", "state")).Should().Equal("SUCCEEDED");
        var controlTower = Get(events, "ControlTowerAccountCreated", "Properties", "Pattern")!;
        Strings(Get(controlTower, "source")).Should().Equal("aws.controltower");
        Strings(Get(controlTower, "detail", "eventName")).Should().Equal("CreateManagedAccount");
    }

    [Fact]
    public void Every_variable_the_settings_read_is_set_by_the_template()
    {
        var global = (YamlMappingNode)Get(Template.Root, "Globals", "Function", "Environment", "Variables")!;
        var dispatcher = (YamlMappingNode)Get(Template.Resource("DispatcherFunction"), "Properties", "Environment", "Variables")!;
        var names = global.Children.Keys.Concat(dispatcher.Children.Keys).Select(k => Scalar(k)).ToList();

        names.Should().Contain(["AUDIT_ROLE_NAME", "POLICY_URI", "SCANNER_STACK_NAME", "EXTERNAL_ID",
            "ACCOUNT_CONCURRENCY", "REGION_CONCURRENCY", "SCAN_QUEUE_URL", "ORG_READ_ROLE_ARN", "CHANGE_QUEUE_URL", "CHANGE_SCAN_QUEUE_URL"]);
        names.Should().NotContain("AWS_ENDPOINT_URL");
    }

    [Fact]
    public void There_is_an_alarm_on_the_dead_letter_queue_and_on_each_functions_errors()
    {
        var alarms = Template.ResourcesOfType("AWS::CloudWatch::Alarm").ToDictionary(a => a.LogicalId, a => a.Resource);

        Scalar(Get(alarms["ScanDeadLetterQueueAlarm"], "Properties", "MetricName")).Should().Be("ApproximateNumberOfMessagesVisible");
        Strings(Get(alarms["DispatcherErrorsAlarm"], "Properties", "Dimensions")).Should().NotBeNull();
        foreach (var (id, alarm) in alarms)
        {
            Scalar(Get(alarm, "Properties", "Threshold")).Should().Be("0", id);
            Scalar(Get(alarm, "Properties", "ComparisonOperator")).Should().Be("GreaterThanThreshold", id);
        }

        alarms.Keys.Should().BeEquivalentTo("ScanDeadLetterQueueAlarm", "ChangeDeadLetterQueueAlarm", "DispatcherErrorsAlarm", "AccountScannerErrorsAlarm");
    }

    [Fact]
    public void Log_groups_are_named_after_the_functions_and_expire()
    {
        foreach (var (function, logGroup) in new[] { ("DispatcherFunction", "DispatcherLogGroup"), ("AccountScannerFunction", "AccountScannerLogGroup") })
        {
            var properties = Get(Template.Resource(logGroup), "Properties")!;
            Strings(Get(properties, "LogGroupName")).Should().Equal($"!Sub /aws/lambda/${{{function}}}");
            Strings(Get(properties, "RetentionInDays")).Should().Equal("!Ref LogRetentionDays");
        }
    }
}
