using System.Globalization;
using System.Text.Json;

namespace Scanner.Core.Guardrails;

/// <summary>
/// Reads an SCP document with <see cref="JsonDocument"/> (no reflection: Native AOT). Wherever the IAM policy
/// language allows a string or a list of strings (Statement, Action, NotAction, Resource, NotResource, condition
/// values) both are accepted. A document that is not JSON, or not a policy (no Statement, an Effect other than Allow
/// or Deny, a statement with neither or both of Action and NotAction) is refused with a message saying where.
/// </summary>
public static class PolicyDocumentParser
{
    public static bool TryParse(string content, out PolicyDocument document, out string error)
    {
        document = new PolicyDocument([]);
        error = "";
        try
        {
            using var json = JsonDocument.Parse(content ?? "", new JsonDocumentOptions { AllowTrailingCommas = false });
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "the document is not a JSON object";
                return false;
            }

            if (!TryGet(json.RootElement, "Statement", out var statementElement))
            {
                error = "the document has no Statement";
                return false;
            }

            var elements = statementElement.ValueKind == JsonValueKind.Array
                ? [.. statementElement.EnumerateArray()]
                : new List<JsonElement> { statementElement };
            var statements = new List<PolicyStatement>();
            for (var i = 0; i < elements.Count; i++)
            {
                if (!TryStatement(elements[i], i, out var statement, out error))
                {
                    return false;
                }

                statements.Add(statement);
            }

            document = new PolicyDocument(statements);
            return true;
        }
        catch (JsonException e)
        {
            error = "it is not valid JSON: " + e.Message;
            return false;
        }
    }

    private static bool TryStatement(JsonElement element, int index, out PolicyStatement statement, out string error)
    {
        statement = null!;
        var where = $"Statement[{index.ToString(CultureInfo.InvariantCulture)}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"{where} is not an object";
            return false;
        }

        var sid = TryGet(element, "Sid", out var sidElement) && sidElement.ValueKind == JsonValueKind.String ? sidElement.GetString() : null;
        var label = string.IsNullOrEmpty(sid) ? where : $"{where} ({sid})";
        var effect = TryGet(element, "Effect", out var effectElement) && effectElement.ValueKind == JsonValueKind.String ? effectElement.GetString() : null;
        if (effect is not ("Allow" or "Deny"))
        {
            error = $"{label} has Effect '{effect}', not Allow or Deny";
            return false;
        }

        if (!TryStrings(element, "Action", label, out var actions, out error)
            || !TryStrings(element, "NotAction", label, out var notActions, out error)
            || !TryStrings(element, "Resource", label, out var resources, out error)
            || !TryStrings(element, "NotResource", label, out var notResources, out error))
        {
            return false;
        }

        if ((actions is null) == (notActions is null))
        {
            error = $"{label} must have exactly one of Action and NotAction";
            return false;
        }

        if (resources is not null && notResources is not null)
        {
            error = $"{label} has both Resource and NotResource";
            return false;
        }

        var conditions = new List<ConditionClause>();
        if (TryGet(element, "Condition", out var conditionElement))
        {
            if (conditionElement.ValueKind != JsonValueKind.Object)
            {
                error = $"{label}: Condition is not an object";
                return false;
            }

            foreach (var op in conditionElement.EnumerateObject())
            {
                if (op.Value.ValueKind != JsonValueKind.Object)
                {
                    error = $"{label}: Condition operator {op.Name} does not hold an object of keys";
                    return false;
                }

                foreach (var key in op.Value.EnumerateObject())
                {
                    if (!TryValues(key.Value, out var values))
                    {
                        error = $"{label}: Condition {op.Name} {key.Name} has a value that is not a string, boolean, number or a list of them";
                        return false;
                    }

                    conditions.Add(new ConditionClause(op.Name, key.Name, values));
                }
            }
        }

        statement = new PolicyStatement
        {
            Sid = sid,
            IsAllow = effect == "Allow",
            Actions = actions,
            NotActions = notActions,
            Resources = resources,
            NotResources = notResources,
            Conditions = conditions,
            Label = label,
        };
        error = "";
        return true;
    }

    /// <summary>A member that may be a string or a list of strings; null when absent.</summary>
    private static bool TryStrings(JsonElement statement, string name, string label, out IReadOnlyList<string>? values, out string error)
    {
        values = null;
        error = "";
        if (!TryGet(statement, name, out var element))
        {
            return true;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            values = [element.GetString()!];
            return true;
        }

        if (element.ValueKind == JsonValueKind.Array && element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
        {
            values = [.. element.EnumerateArray().Select(e => e.GetString()!)];
            return true;
        }

        error = $"{label}: {name} must be a string or a list of strings";
        return false;
    }

    private static bool TryValues(JsonElement element, out IReadOnlyList<string> values)
    {
        var items = element.ValueKind == JsonValueKind.Array ? [.. element.EnumerateArray()] : new List<JsonElement> { element };
        var texts = new List<string>();
        foreach (var item in items)
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    texts.Add(item.GetString()!);
                    break;
                case JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number:
                    texts.Add(item.GetRawText());
                    break;
                default:
                    values = [];
                    return false;
            }
        }

        values = texts;
        return true;
    }

    /// <summary>Policy element names are case-sensitive in AWS's grammar, but documents in the wild vary; accept any case.</summary>
    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
