namespace AudioMusic.Domain;

/// <summary>Every bound the API enforces, in one place so that docs, validators and planners agree.</summary>
public static class RequestLimits
{
    public const int CaptionMaxLength = 2048;
    public const int LyricsMaxLength = 4096;
    public const int DisplayNameMaxLength = 200;
    public const int QueryMaxLength = 1000;
    public const int ModelNameMaxLength = 64;
    public const int GenrePresetMaxLength = 64;

    public const double MinDurationSeconds = 10;
    public const double MaxDurationSeconds = 600;
    public const double MinSampleDurationSeconds = 0.5;
    public const double MaxSampleDurationSeconds = 120;
    public const double DefaultLoopSeconds = 8;
    public const double DefaultOneShotSeconds = 1.5;

    public const int MinBpm = 30;
    public const int MaxBpm = 300;
    public const int MinSampleTempo = 60;
    public const int MaxSampleTempo = 200;

    public const int MaxSeed = int.MaxValue;
    public const int MinBatchSize = 1;
    public const int MaxBatchSize = 8;

    public const int MinInferenceSteps = 1;
    public const int MaxInferenceSteps = 200;
    public const double MinGuidanceScale = 0;
    public const double MaxGuidanceScale = 30;
    public const double MinShift = 0.1;
    public const double MaxShift = 10;

    /// <summary>The "auto" value clients send for duration.</summary>
    public const double AutoDuration = -1;
}
