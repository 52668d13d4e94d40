using Scanner.Functions.Tests.Support;
using Scanner.Lambda.Events;
using Scanner.Lambda.Handlers;
using YamlDotNet.RepresentationModel;
using static Scanner.Functions.Tests.Templates.CloudFormationYaml;

namespace Scanner.Functions.Tests.Templates;

/// <summary>
/// member-events.yaml (what every account forwards, and through which role) and the change path of template.yaml
/// (the bus only the organization may use, the FIFO change queue, the change scan queue), held to the code.
/// </summary>
public sealed class ChangeEventTemplateTests
{
    private static readonly CloudFormationYaml Member = CloudFormationYaml.Load(Repository.PathOf("member-events.yaml"));
    private static readonly CloudFormationYaml Scanner = CloudFormationYaml.Load(Repository.PathOf("template.yaml"));

    private static IEnumerable<(string LogicalId, YamlMappingNode Rule)> Rules => Member.ResourcesOfType("AWS::Events::Rule");

    /// <summary>Each rule's alternatives: its pattern, or each branch of a top-level $or (with the shared keys).</summary>
    private static IEnumerable<YamlNode> Alternatives(YamlMappingNode rule)
    {
        var pattern = (YamlMappingNode)Get(rule, "Properties", "EventPattern")!;
        return Get(pattern, "$or") is YamlSequenceNode branches ? branches.Children : [pattern];
    }

    [Fact]
    public void The_rules_forward_exactly_the_watched_changes_and_only_calls_that_succeeded()
    {
        var forwarded = new List<(string Source, string EventSource, string EventName)>();
        foreach (var (id, rule) in Rules)
        {
            Strings(Get(rule, "Properties", "EventPattern", "detail-type")).Should().Equal(["AWS API Call via CloudTrail"], id);
            foreach (var alternative in Alternatives(rule))
            {
                var source = Strings(Get(alternative, "source")).Should().ContainSingle().Subject;
                var eventSource = Strings(Get(alternative, "detail", "eventSource")).Should().ContainSingle().Subject;
                Scalar(Get(((YamlSequenceNode)Get(alternative, "detail", "errorCode")!).Children[0], "exists")).Should().Be("false", $"{id}: failed calls changed nothing");
                forwarded.AddRange(Strings(Get(alternative, "detail", "eventName")).Select(name => (source, eventSource, name)));
            }
        }

        forwarded.Should().BeEquivalentTo(WatchedChanges.Services.SelectMany(s => s.EventNames.Select(n => (s.Source, s.EventSource, n))),
            "the template forwards what the dispatcher acts on, no more and no less");
    }

    [Fact]
    public void IAM_changes_are_forwarded_from_us_east_1_only_where_IAM_records_them()
    {
        var iamRules = Rules.Where(r => Alternatives(r.Rule).Any(a => Strings(Get(a, "source")).Contains("aws.iam"))).ToList();

        iamRules.Should().ContainSingle();
        Scalar(Get(iamRules[0].Rule, "Condition")).Should().Be("IsIamEventRegion");
        var condition = Get(Member.Root, "Conditions", "IsIamEventRegion")!;
        TagOf(condition).Should().Be("!Equals");
        Strings(condition).Should().Equal("!Ref AWS::Region", "us-east-1");
        Rules.Where(r => r.LogicalId != iamRules[0].LogicalId).Should().OnlyContain(r => Get(r.Rule, "Condition") == null, "the others are wanted in every Region");
    }

    [Fact]
    public void Every_rule_targets_the_scanner_bus_through_the_forwarding_role()
    {
        foreach (var (id, rule) in Rules)
        {
            var target = ((YamlSequenceNode)Get(rule, "Properties", "Targets")!).Children.Should().ContainSingle().Subject;
            Strings(Get(target, "Arn")).Should().Equal(["!Ref ScannerEventBusArn"], id);
            Strings(Get(target, "RoleArn")).Should().ContainSingle().Which.Should().Contain("ForwardingRole", id);
        }
    }

    [Fact]
    public void The_forwarding_role_trusts_EventBridge_for_this_accounts_rules_and_may_only_put_events_on_the_scanner_bus()
    {
        var role = Member.Resource("ForwardingRole");
        var trust = ((YamlSequenceNode)Get(role, "Properties", "AssumeRolePolicyDocument", "Statement")!).Children.Should().ContainSingle().Subject;
        var statements = Member.Statements().Where(s => !s.IsTrustPolicy).ToList();

        Strings(Get(trust, "Principal", "Service")).Should().Equal("events.amazonaws.com");
        Strings(Get(trust, "Condition", "StringEquals", "aws:SourceAccount")).Should().Equal("!Ref AWS::AccountId");
        Strings(Get(trust, "Condition", "ArnLike", "aws:SourceArn")).Should().ContainSingle().Which.Should().Contain(":rule/");
        statements.Should().ContainSingle();
        statements[0].Actions.Should().Equal("events:PutEvents");
        statements[0].Resources.Should().Equal("!Ref ScannerEventBusArn");
        Get(role, "Properties", "RoleName").Should().BeNull("one role per Region's stack: a fixed name would collide across Regions");
    }

    [Fact]
    public void The_change_bus_admits_the_organization_only()
    {
        var policies = Scanner.ResourcesOfType("AWS::Events::EventBusPolicy").ToList();

        policies.Should().ContainSingle("no other statement opens the bus");
        var properties = Get(policies[0].Resource, "Properties")!;
        Strings(Get(properties, "EventBusName")).Should().Equal("!Ref ChangeEventBus");
        var statement = Get(properties, "Statement")!;
        Scalar(Get(statement, "Effect")).Should().Be("Allow");
        Strings(Get(statement, "Action")).Should().Equal("events:PutEvents");
        Strings(Get(statement, "Resource")).Should().Equal("!GetAtt ChangeEventBus.Arn");
        var condition = (YamlMappingNode)Get(statement, "Condition")!;
        condition.Children.Should().ContainSingle("the organization condition is the only one, and it cannot be widened by another");
        Strings(Get(condition, "StringEquals", "aws:PrincipalOrgID")).Should().Equal("!Ref OrganizationId");
        Scalar(Get(Scanner.Root, "Parameters", "OrganizationId", "AllowedPattern")).Should().Be("^o-[a-z0-9]{10,32}$");
    }

    [Fact]
    public void The_dispatcher_hears_the_change_bus_for_the_watched_services()
    {
        var rule = Get(Scanner.Resource("DispatcherFunction"), "Properties", "Events", "AccountChanged", "Properties")!;

        Strings(Get(rule, "EventBusName")).Should().Equal("!Ref ChangeEventBus");
        Strings(Get(rule, "Pattern", "detail-type")).Should().Equal("AWS API Call via CloudTrail");
        Strings(Get(rule, "Pattern", "source")).Should().BeEquivalentTo(WatchedChanges.Services.Select(s => s.Source).Distinct());
    }

    [Fact]
    public void The_change_queue_deduplicates_and_holds_back_for_the_debounce_window()
    {
        var queue = Get(Scanner.Resource("ChangeQueue"), "Properties")!;

        Scalar(Get(queue, "FifoQueue")).Should().Be("true");
        Scalar(Get(queue, "DelaySeconds")).Should().Be(((int)ChangeDebounce.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "the first change of a window is delivered once the window is over");
        Get(queue, "ContentBasedDeduplication").Should().BeNull("every CloudTrail event differs: the deduplication id is the account");
        Strings(Get(queue, "RedrivePolicy", "deadLetterTargetArn")).Should().Equal("!GetAtt ChangeDeadLetterQueue.Arn");
        Scalar(Get(Scanner.Resource("ChangeDeadLetterQueue"), "Properties", "FifoQueue")).Should().Be("true");
        var visibility = int.Parse(Scalar(Get(queue, "VisibilityTimeout"))!, System.Globalization.CultureInfo.InvariantCulture);
        var dispatcherTimeout = int.Parse(Scalar(Get(Scanner.Resource("DispatcherFunction"), "Properties", "Timeout"))!, System.Globalization.CultureInfo.InvariantCulture);
        visibility.Should().BeGreaterThanOrEqualTo(6 * dispatcherTimeout);
        var source = Get(Scanner.Resource("DispatcherFunction"), "Properties", "Events", "DebouncedChanges", "Properties")!;
        Strings(Get(source, "Queue")).Should().Equal("!GetAtt ChangeQueue.Arn");
        Scalar(Get(source, "ScalingConfig", "MaximumConcurrency")).Should().Be("2");
    }

    [Fact]
    public void Change_driven_rescans_have_their_own_queue_and_scanner_concurrency_apart_from_the_schedule()
    {
        var events = (YamlMappingNode)Get(Scanner.Resource("AccountScannerFunction"), "Properties", "Events")!;
        var changes = Get(events, "ChangeScanJobs", "Properties")!;

        Strings(Get(changes, "Queue")).Should().Equal("!GetAtt ChangeScanQueue.Arn");
        Strings(Get(changes, "FunctionResponseTypes")).Should().Equal("ReportBatchItemFailures");
        Strings(Get(changes, "ScalingConfig", "MaximumConcurrency")).Should().Equal("!Ref ChangeScannerMaximumConcurrency");
        Strings(Get(events, "ScanJobs", "Properties", "Queue")).Should().Equal("!GetAtt ScanQueue.Arn");
        Strings(Get(events, "ScanJobs", "Properties", "ScalingConfig", "MaximumConcurrency")).Should().Equal("!Ref ScannerMaximumConcurrency");
        Strings(Get(Scanner.Resource("ChangeScanQueue"), "Properties", "RedrivePolicy", "deadLetterTargetArn")).Should().Equal("!GetAtt ScanDeadLetterQueue.Arn");
    }
}
