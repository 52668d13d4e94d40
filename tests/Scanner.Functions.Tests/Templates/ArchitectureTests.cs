using Scanner.Functions.Tests.Support;
using static Scanner.Functions.Tests.Templates.CloudFormationYaml;

namespace Scanner.Functions.Tests.Templates;

/// <summary>
/// The functions' CPU is one template parameter, and the Makefile builds a bootstrap for each of its values: the
/// parameter's allowed values and the Makefile's architectures must stay the same list.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly CloudFormationYaml Template = CloudFormationYaml.Load(Repository.PathOf("template.yaml"));

    [Fact]
    public void Both_functions_take_their_architecture_from_the_parameter_x86_64_by_default()
    {
        var parameter = Get(Template.Root, "Parameters", "Architecture")!;

        Scalar(Get(parameter, "Default")).Should().Be("x86_64");
        Strings(Get(parameter, "AllowedValues")).Should().Equal("x86_64", "arm64");
        Strings(Get(Template.Root, "Globals", "Function", "Architectures")).Should().Equal("!Ref Architecture");
        Get(Template.Resource("DispatcherFunction"), "Properties", "Architectures").Should().BeNull("the Globals' value applies to every function");
        Get(Template.Resource("AccountScannerFunction"), "Properties", "Architectures").Should().BeNull();
    }

    [Theory]
    [InlineData("x86_64", "linux-x64")]
    [InlineData("arm64", "linux-arm64")]
    public async Task The_makefile_builds_each_allowed_architecture_for_its_runtime_identifier(string architecture, string runtimeIdentifier)
    {
        foreach (var function in new[] { "DispatcherFunction", "AccountScannerFunction" })
        {
            var plan = await DryRunAsync(function, architecture);

            plan.ExitCode.Should().Be(0, plan.Output);
            plan.StandardOutput.Should().Contain($"--runtime {runtimeIdentifier} ");
            if (architecture == "arm64")
            {
                plan.StandardOutput.Should().Contain("-p:CppCompilerAndLinker=aarch64-linux-gnu-gcc").And.Contain("-p:ObjCopyName=aarch64-linux-gnu-objcopy",
                    because: "arm64 is linked by Debian's cross toolchain");
            }
            else
            {
                plan.StandardOutput.Should().NotContain("aarch64");
            }
        }
    }

    [Fact]
    public async Task An_architecture_the_template_does_not_allow_stops_the_build_with_the_allowed_values()
    {
        var plan = await DryRunAsync("DispatcherFunction", "aarch64");

        plan.ExitCode.Should().NotBe(0);
        plan.StandardError.Should().Contain("LAMBDA_ARCHITECTURE must be x86_64 or arm64").And.Contain("'aarch64'");
    }

    private static Task<ProcessResult> DryRunAsync(string function, string architecture) => ProcessRunner.RunAsync(
        "make",
        ["--no-print-directory", "-n", "-C", Repository.Root, $"build-{function}", "ARTIFACTS_DIR=/tmp/unused", $"LAMBDA_ARCHITECTURE={architecture}"],
        Repository.Root,
        installHint: "apt-get install make",
        timeout: TimeSpan.FromMinutes(1));
}
