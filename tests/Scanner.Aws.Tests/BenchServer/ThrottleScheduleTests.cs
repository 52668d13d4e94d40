using Scanner.Bench.Server;

namespace Scanner.Aws.Tests.BenchServer;

public sealed class ThrottleScheduleTests
{
    [Theory]
    [InlineData(10, 100, 10)]
    [InlineData(2.5, 400, 10)]
    [InlineData(30, 10, 3)]
    [InlineData(99, 100, 99)]
    public void The_share_asked_for_is_throttled_exactly(double percent, int calls, int throttled)
    {
        var schedule = new ThrottleSchedule();

        Enumerable.Range(0, calls).Count(_ => schedule.Throttles("IAM.ListUsers", percent)).Should().Be(throttled);
    }

    [Fact]
    public void The_first_call_of_every_operation_is_throttled_and_operations_count_apart()
    {
        var schedule = new ThrottleSchedule();

        schedule.Throttles("Lambda.ListFunctions", 10).Should().BeTrue(because: "an operation called only once still meets its throttling error");
        schedule.Throttles("Lambda.ListFunctions", 10).Should().BeFalse(because: "its retry is the operation's second call");
        schedule.Throttles("EC2.DescribeInstances", 10).Should().BeTrue(because: "each operation keeps its own count");
    }

    [Fact]
    public void Nothing_is_throttled_at_zero()
    {
        var schedule = new ThrottleSchedule();

        Enumerable.Range(0, 50).Should().NotContain(_ => schedule.Throttles("IAM.ListUsers", 0));
    }
}
