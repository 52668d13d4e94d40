using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scanner.Functions.Tests.Ocsf;

/// <summary>
/// The validator the OCSF output is held to must itself catch what it is there to catch: it accepts the schema's own
/// sample and rejects each kind of fault in a copy of it.
/// </summary>
public sealed class OcsfValidatorTests
{
    private static readonly OcsfValidator Validator = new(OcsfSchema.Root);

    private static JsonObject Sample() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(OcsfSchema.Folder, "compliance-finding-example.json")))!.AsObject();

    private static OcsfValidation Validate(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return Validator.Validate(document.RootElement);
    }

    [Fact]
    public void The_schemas_own_sample_is_valid()
    {
        var validation = Validate(Sample());

        validation.Errors.Should().BeEmpty();
        validation.Warnings.Should().Contain("confidence_id: recommended attribute missing", because: "the sample leaves recommended attributes out");
    }

    [Fact]
    public void A_missing_required_attribute_is_an_error()
    {
        var sample = Sample();
        sample["finding_info"]!.AsObject().Remove("uid");
        sample.Remove("severity_id");

        Validate(sample).Errors.Should().BeEquivalentTo(["finding_info.uid: required attribute missing", "severity_id: required attribute missing"]);
    }

    [Fact]
    public void An_attribute_the_class_or_object_does_not_define_is_an_error()
    {
        var sample = Sample();
        sample["compliance"]!["checkId"] = "iam.local-user";
        sample["region"] = "eu-west-1";

        Validate(sample).Errors.Should().HaveCount(2)
            .And.Contain(e => e.StartsWith("compliance.checkId: unknown attribute", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("region: unknown attribute", StringComparison.Ordinal));
    }

    [Fact]
    public void A_profile_attribute_is_unknown_unless_its_profile_is_listed()
    {
        var sample = Sample();
        sample["time_dt"] = "2026-12-06T22:00:00Z";

        Validate(sample).Errors.Should().ContainSingle(e => e.StartsWith("time_dt: unknown attribute", StringComparison.Ordinal));

        sample["metadata"]!["profiles"] = new JsonArray("cloud", "datetime");
        Validate(sample).Errors.Should().BeEmpty();

        sample["metadata"]!["profiles"] = new JsonArray();
        Validate(sample).Errors.Should().Contain(e => e.StartsWith("cloud: unknown attribute", StringComparison.Ordinal),
            because: "cloud belongs to the cloud profile");
    }

    [Fact]
    public void Enum_values_types_shapes_and_captions_are_checked()
    {
        var sample = Sample();
        sample["compliance"]!["status_id"] = 7;
        sample["severity_id"] = "3";
        sample["compliance"]!["standards"] = "CIS";
        sample["status"] = "Resolved"; // status_id is 1, New

        Validate(sample).Errors.Should().HaveCount(4)
            .And.Contain(e => e.StartsWith("compliance.status_id: 7 is not one of its enum values", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("severity_id: \"3\" is not a integer_t", StringComparison.Ordinal))
            .And.Contain("compliance.standards: must be an array, is String")
            .And.Contain("status: 'Resolved' is not the caption of status_id 1 ('New')");
    }

    [Fact]
    public void Type_uid_must_follow_class_and_activity()
    {
        var sample = Sample();
        sample["activity_id"] = 2;
        sample["activity_name"] = "Update";

        Validate(sample).Errors.Should().ContainSingle().Which.Should().Be("type_uid 200301 is not class_uid * 100 + activity_id = 200302");
    }

    [Fact]
    public void Object_constraints_are_checked()
    {
        var sample = Sample();
        sample["resources"]![0]!.AsObject().Remove("uid");
        sample["resources"]![0]!.AsObject().Remove("name");

        Validate(sample).Errors.Should().ContainSingle().Which.Should().Be("resources[0]: needs at least one of name, uid");
    }
}
