using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Scanner.Functions.Tests.Ocsf;

/// <summary>
/// Validates one OCSF event against the compiled schema, following the schema folder's README: the class by
/// class_uid, the active profiles from metadata.profiles, required / recommended / unknown attributes at every level,
/// each value's shape, base type, type regex and range, enum keys and their sibling captions, object constraints,
/// and type_uid = class_uid * 100 + activity_id.
/// </summary>
public sealed class OcsfValidator(JsonElement schema)
{
    public OcsfValidation Validate(JsonElement ocsfEvent)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        if (ocsfEvent.ValueKind != JsonValueKind.Object)
        {
            errors.Add("the event is not a JSON object");
            return new OcsfValidation(errors, warnings);
        }

        if (!ocsfEvent.TryGetProperty("class_uid", out var classUid) || classUid.ValueKind != JsonValueKind.Number)
        {
            errors.Add("class_uid is missing or not a number");
            return new OcsfValidation(errors, warnings);
        }

        var eventClass = schema.GetProperty("classes").EnumerateObject()
            .Select(c => c.Value)
            .FirstOrDefault(c => c.TryGetProperty("uid", out var uid) && uid.GetInt64() == classUid.GetInt64());
        if (eventClass.ValueKind == JsonValueKind.Undefined)
        {
            errors.Add($"class_uid {classUid.GetInt64()} is no OCSF class");
            return new OcsfValidation(errors, warnings);
        }

        if (ocsfEvent.TryGetProperty("category_uid", out var category) && category.ValueKind == JsonValueKind.Number
            && category.GetInt64() != eventClass.GetProperty("category_uid").GetInt64())
        {
            errors.Add($"category_uid {category.GetInt64()} is not the class's category {eventClass.GetProperty("category_uid").GetInt64()}");
        }

        var profiles = ocsfEvent.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                       && metadata.TryGetProperty("profiles", out var listed) && listed.ValueKind == JsonValueKind.Array
            ? listed.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        var context = new Context(errors, warnings, profiles);
        ValidateObject(ocsfEvent, eventClass.GetProperty("attributes"), null, "", context);

        if (ocsfEvent.TryGetProperty("activity_id", out var activity) && activity.ValueKind == JsonValueKind.Number
            && ocsfEvent.TryGetProperty("type_uid", out var typeUid) && typeUid.ValueKind == JsonValueKind.Number
            && typeUid.GetInt64() != (classUid.GetInt64() * 100) + activity.GetInt64())
        {
            errors.Add($"type_uid {typeUid.GetInt64()} is not class_uid * 100 + activity_id = {(classUid.GetInt64() * 100) + activity.GetInt64()}");
        }

        if (metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("version", out var version)
            && version.ValueKind == JsonValueKind.String && version.GetString() != schema.GetProperty("version").GetString())
        {
            warnings.Add($"metadata.version {version.GetString()} is not the schema's {schema.GetProperty("version").GetString()}");
        }

        return new OcsfValidation(errors, warnings);
    }

    private void ValidateObject(JsonElement value, JsonElement attributes, JsonElement? constraints, string path, Context context)
    {
        var active = attributes.EnumerateObject()
            .Where(a => !a.Value.TryGetProperty("profile", out var profile) || profile.ValueKind == JsonValueKind.Null || context.Profiles.Contains(profile.GetString()!))
            .ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);

        foreach (var property in value.EnumerateObject())
        {
            if (!active.TryGetValue(property.Name, out var attribute))
            {
                context.Errors.Add($"{Join(path, property.Name)}: unknown attribute (not defined here, or its profile is not in metadata.profiles)");
                continue;
            }

            ValidateAttribute(property.Value, attribute, Join(path, property.Name), context);
            if (attribute.TryGetProperty("sibling", out var sibling) && attribute.TryGetProperty("enum", out var values)
                && property.Value.ValueKind == JsonValueKind.Number && value.TryGetProperty(sibling.GetString()!, out var caption)
                && caption.ValueKind == JsonValueKind.String && property.Value.GetInt64() != 99
                && values.TryGetProperty(property.Value.GetInt64().ToString(CultureInfo.InvariantCulture), out var entry)
                && entry.GetProperty("caption").GetString() != caption.GetString())
            {
                context.Errors.Add($"{Join(path, sibling.GetString()!)}: '{caption.GetString()}' is not the caption of {property.Name} {property.Value.GetInt64()} ('{entry.GetProperty("caption").GetString()}')");
            }
        }

        foreach (var (name, attribute) in active)
        {
            if (value.TryGetProperty(name, out _))
            {
                continue;
            }

            switch (attribute.TryGetProperty("requirement", out var requirement) ? requirement.GetString() : "optional")
            {
                case "required":
                    context.Errors.Add($"{Join(path, name)}: required attribute missing");
                    break;
                case "recommended":
                    context.Warnings.Add($"{Join(path, name)}: recommended attribute missing");
                    break;
            }
        }

        if (constraints is { ValueKind: JsonValueKind.Object } rules)
        {
            if (rules.TryGetProperty("at_least_one", out var atLeastOne)
                && !atLeastOne.EnumerateArray().Any(n => value.TryGetProperty(n.GetString()!, out _)))
            {
                context.Errors.Add($"{(path.Length == 0 ? "the event" : path)}: needs at least one of {string.Join(", ", atLeastOne.EnumerateArray().Select(n => n.GetString()))}");
            }

            if (rules.TryGetProperty("just_one", out var justOne)
                && justOne.EnumerateArray().Count(n => value.TryGetProperty(n.GetString()!, out _)) != 1)
            {
                context.Errors.Add($"{(path.Length == 0 ? "the event" : path)}: needs exactly one of {string.Join(", ", justOne.EnumerateArray().Select(n => n.GetString()))}");
            }
        }
    }

    private void ValidateAttribute(JsonElement value, JsonElement attribute, string path, Context context)
    {
        if (attribute.TryGetProperty("@deprecated", out _))
        {
            context.Warnings.Add($"{path}: deprecated attribute");
        }

        var isArray = attribute.TryGetProperty("is_array", out var array) && array.ValueKind == JsonValueKind.True;
        if (isArray)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                context.Errors.Add($"{path}: must be an array, is {value.ValueKind}");
                return;
            }

            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                ValidateValue(item, attribute, $"{path}[{i++}]", context);
            }

            return;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            context.Errors.Add($"{path}: must not be an array");
            return;
        }

        ValidateValue(value, attribute, path, context);
    }

    private void ValidateValue(JsonElement value, JsonElement attribute, string path, Context context)
    {
        var type = attribute.GetProperty("type").GetString()!;
        if (type == "object_t")
        {
            var objectType = attribute.GetProperty("object_type").GetString()!;
            if (value.ValueKind != JsonValueKind.Object)
            {
                context.Errors.Add($"{path}: must be an object ({objectType}), is {value.ValueKind}");
                return;
            }

            var definition = schema.GetProperty("objects").GetProperty(objectType);
            var attributes = definition.GetProperty("attributes");
            if (!attributes.EnumerateObject().Any())
            {
                return; // the open object ("object", used by unmapped): anything goes inside
            }

            ValidateObject(value, attributes, definition.TryGetProperty("constraints", out var constraints) ? constraints : null, path, context);
            return;
        }

        ValidateScalar(value, type, path, context);
        if (attribute.TryGetProperty("enum", out var values) && value.ValueKind == JsonValueKind.Number
            && !values.TryGetProperty(value.GetRawText(), out _))
        {
            context.Errors.Add($"{path}: {value.GetRawText()} is not one of its enum values ({string.Join(", ", values.EnumerateObject().Select(v => v.Name))})");
        }
    }

    private void ValidateScalar(JsonElement value, string type, string path, Context context)
    {
        var definition = schema.GetProperty("types").TryGetProperty(type, out var found) ? found : default;
        if (definition.ValueKind == JsonValueKind.Undefined)
        {
            context.Errors.Add($"{path}: the schema has no type {type}");
            return;
        }

        var baseType = definition.TryGetProperty("type", out var parent) ? parent.GetString()! : type;
        var shapeOk = baseType switch
        {
            "string_t" => value.ValueKind == JsonValueKind.String,
            "integer_t" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
            "long_t" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "float_t" => value.ValueKind == JsonValueKind.Number,
            "boolean_t" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "json_t" => true,
            _ => true,
        };
        if (!shapeOk)
        {
            context.Errors.Add($"{path}: {value.GetRawText()} is not a {type} ({baseType})");
            return;
        }

        if (definition.TryGetProperty("regex", out var regex) && value.ValueKind == JsonValueKind.String
            && !Regex.IsMatch(value.GetString()!, regex.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            context.Errors.Add($"{path}: '{value.GetString()}' does not match the {type} pattern");
        }

        if (definition.TryGetProperty("max_len", out var maxLength) && value.ValueKind == JsonValueKind.String
            && value.GetString()!.Length > maxLength.GetInt32())
        {
            context.Errors.Add($"{path}: longer than {maxLength.GetInt32()} characters");
        }

        if (definition.TryGetProperty("range", out var range) && value.ValueKind == JsonValueKind.Number
            && (value.GetDouble() < range[0].GetDouble() || value.GetDouble() > range[1].GetDouble()))
        {
            context.Errors.Add($"{path}: {value.GetRawText()} is outside {range[0].GetRawText()}..{range[1].GetRawText()}");
        }

        if (definition.TryGetProperty("values", out var allowed) && !allowed.EnumerateArray().Any(a => a.GetRawText() == value.GetRawText()))
        {
            context.Errors.Add($"{path}: {value.GetRawText()} is not one of the {type} values");
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private sealed record Context(List<string> Errors, List<string> Warnings, IReadOnlySet<string> Profiles);
}

/// <summary>What validating one event found: errors make it invalid; warnings are recommended attributes left out and deprecations.</summary>
public sealed record OcsfValidation(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}
