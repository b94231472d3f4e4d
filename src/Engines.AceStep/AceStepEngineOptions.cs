namespace AudioMusic.Engines.AceStep;

/// <summary>Configuration of the ACE-Step engine. <see cref="WeightsDirectory"/> is laid out like upstream's
/// "checkpoints" folder (see docs/engine-acestep.md); <see cref="ModelName"/> names the DiT folder inside it.</summary>
public sealed record AceStepEngineOptions
{
    public required string WeightsDirectory { get; init; }

    public string ModelName { get; init; } = "acestep-v15-turbo";

    public double MaxDurationSeconds { get; init; } = 600;

    public double DefaultDurationSeconds { get; init; } = 30;

    public int MaxBatchSize { get; init; } = 8;

    /// <summary>Guidance of non-turbo checkpoints; APG as upstream unless the operator picks another.</summary>
    public AceStepGuidance Guidance { get; init; } = AceStepGuidance.Apg;
}
