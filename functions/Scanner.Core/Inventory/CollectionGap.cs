namespace Scanner.Core.Inventory;

/// <summary>
/// Something a collector could not read. Region null means a global service (IAM, Organizations).
/// Reconciliation leaves untouched every finding whose check depends on a gap's service and region,
/// because this scan could not re-check it.
/// </summary>
public sealed record CollectionGap(string Service, string? Region, string Operation, string ErrorCode, string Message);
