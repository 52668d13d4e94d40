using YamlDotNet.RepresentationModel;

namespace Scanner.Functions.Tests.Templates;

/// <summary>
/// A CloudFormation template read as raw YAML nodes. Short-form intrinsics (!Ref, !Sub, !GetAtt, !If) stay
/// as tagged nodes, which is all these tests need: they look at literal values, never resolve them.
/// </summary>
public sealed class CloudFormationYaml
{
    private CloudFormationYaml(string path, YamlMappingNode root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }

    public YamlMappingNode Root { get; }

    public static CloudFormationYaml Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return new CloudFormationYaml(path, (YamlMappingNode)stream.Documents[0].RootNode);
    }

    public YamlMappingNode Resources => (YamlMappingNode)Root["Resources"];

    public YamlMappingNode Resource(string logicalId) => (YamlMappingNode)Resources[logicalId];

    public IEnumerable<(string LogicalId, YamlMappingNode Resource)> ResourcesOfType(string type) =>
        Resources.Children
            .Where(pair => ((YamlMappingNode)pair.Value).Children.TryGetValue(new YamlScalarNode("Type"), out var t) && Scalar(t) == type)
            .Select(pair => (Scalar(pair.Key)!, (YamlMappingNode)pair.Value));

    /// <summary>Every IAM policy statement anywhere in the template (a mapping with Effect and an action key).</summary>
    public IEnumerable<PolicyStatement> Statements() => Descendants(Root)
        .OfType<YamlMappingNode>()
        .Where(node => Has(node, "Effect") && (Has(node, "Action") || Has(node, "NotAction")))
        .Select(node => new PolicyStatement(this, node));

    public static IEnumerable<YamlNode> Descendants(YamlNode node)
    {
        yield return node;
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    foreach (var child in Descendants(key).Concat(Descendants(value)))
                    {
                        yield return child;
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    foreach (var child in Descendants(item))
                    {
                        yield return child;
                    }
                }

                break;
        }
    }

    public static bool Has(YamlMappingNode node, string key) => node.Children.ContainsKey(new YamlScalarNode(key));

    public static YamlNode? Get(YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    public static string? Scalar(YamlNode? node) => (node as YamlScalarNode)?.Value;

    /// <summary>A scalar or a sequence of scalars as strings; a tagged intrinsic (e.g. !Sub) as "tag value".</summary>
    public static IReadOnlyList<string> Strings(YamlNode? node) => node switch
    {
        null => [],
        YamlScalarNode scalar => [Describe(scalar)],
        YamlSequenceNode sequence => [.. sequence.Children.SelectMany(Strings)],
        _ => [TagOf(node) is { } tag ? $"{tag} {node}" : node.ToString()],
    };

    /// <summary>The node's explicit tag (!Ref, !Sub...), or null for a plain node.</summary>
    public static string? TagOf(YamlNode node) =>
        node.Tag.IsEmpty || node.Tag.IsNonSpecific ? null : node.Tag.Value;

    private static string Describe(YamlScalarNode scalar) =>
        TagOf(scalar) is { } tag and not "tag:yaml.org,2002:str" ? $"{tag} {scalar.Value}" : scalar.Value ?? "";
}

public sealed class PolicyStatement(CloudFormationYaml template, YamlMappingNode node)
{
    public YamlMappingNode Node { get; } = node;

    public string Where => $"{System.IO.Path.GetFileName(template.Path)} line {Node.Start.Line} (Sid {Sid ?? "none"})";

    public string? Sid => CloudFormationYaml.Scalar(CloudFormationYaml.Get(Node, "Sid"));

    public string? Effect => CloudFormationYaml.Scalar(CloudFormationYaml.Get(Node, "Effect"));

    public IReadOnlyList<string> Actions => CloudFormationYaml.Strings(CloudFormationYaml.Get(Node, "Action"));

    public IReadOnlyList<string> Resources => CloudFormationYaml.Strings(CloudFormationYaml.Get(Node, "Resource"));

    public bool IsTrustPolicy => CloudFormationYaml.Get(Node, "Principal") is not null;

    /// <summary>A statement whose condition requires StringEquals aws:PrincipalOrgID: only the organization's principals.</summary>
    public bool AdmitsOnlyTheOrganization => CloudFormationYaml.Get(Node, "Condition", "StringEquals", "aws:PrincipalOrgID") is not null;
}
