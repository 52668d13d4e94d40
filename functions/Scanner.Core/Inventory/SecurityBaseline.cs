namespace Scanner.Core.Inventory;

/// <summary>
/// AWS Config in one Region of an account: its configuration recorders with their status, and the names of its
/// delivery channels (DescribeConfigurationRecorders, DescribeConfigurationRecorderStatus, DescribeDeliveryChannels).
/// </summary>
public sealed record ConfigRegion(string Region, IReadOnlyList<ConfigRecorder> Recorders, IReadOnlyList<string> DeliveryChannels);

/// <summary>A configuration recorder: what it records and whether it is recording.</summary>
public sealed record ConfigRecorder
{
    public required string Name { get; init; }

    /// <summary>recordingGroup.allSupported: every supported resource type, present and future.</summary>
    public bool RecordsAllSupported { get; init; }

    /// <summary>The resource types it records when it does not record all of them.</summary>
    public IReadOnlyList<string> ResourceTypes { get; init; } = [];

    /// <summary>recordingStrategy.useOnly (ALL_SUPPORTED_RESOURCE_TYPES, INCLUSION_BY_RESOURCE_TYPES, EXCLUSION_BY_RESOURCE_TYPES).</summary>
    public string? RecordingStrategy { get; init; }

    /// <summary>Types excluded under EXCLUSION_BY_RESOURCE_TYPES.</summary>
    public IReadOnlyList<string> ExcludedResourceTypes { get; init; } = [];

    /// <summary>From the recorder's status; false when it has none.</summary>
    public bool Recording { get; init; }

    /// <summary>Pending, Success or Failure; null when it never ran.</summary>
    public string? LastStatus { get; init; }

    public string? LastErrorCode { get; init; }
}

/// <summary>Security Hub in one Region of an account: enabled (DescribeHub answered) or not, with the hub's ARN.</summary>
public sealed record SecurityHubRegion(string Region, bool Enabled, string? HubArn);

/// <summary>GuardDuty in one Region of an account: its detectors (ListDetectors, GetDetector) with their status.</summary>
public sealed record GuardDutyRegion(string Region, IReadOnlyList<GuardDutyDetector> Detectors);

/// <summary>A GuardDuty detector; Status is ENABLED or DISABLED.</summary>
public sealed record GuardDutyDetector(string Id, string Status);
