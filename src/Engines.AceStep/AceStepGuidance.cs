namespace AudioMusic.Engines.AceStep;

/// <summary>How a non-turbo (base/sft) checkpoint combines its conditional and unconditional velocities. Upstream
/// ACE-Step 1.5 uses <see cref="Apg"/> unless a request sets use_adg; here the choice is the operator's
/// (<see cref="AceStepEngineOptions.Guidance"/>) and the request keeps only guidance_scale. Turbo checkpoints are
/// distilled without guidance and ignore it.</summary>
public enum AceStepGuidance
{
    /// <summary>Adaptive projected guidance with momentum and a norm threshold (upstream's default).</summary>
    Apg,

    /// <summary>Angle-based dynamic guidance (upstream's use_adg).</summary>
    Adg,

    /// <summary>Plain classifier-free guidance: unconditional + scale · (conditional − unconditional).</summary>
    Cfg,
}
