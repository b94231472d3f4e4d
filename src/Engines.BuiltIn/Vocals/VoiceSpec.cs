namespace AudioMusic.Engines.BuiltIn.Vocals;

public enum VoiceType
{
    Male,
    Female,

    /// <summary>Several detuned, slightly time-offset voices of both registers singing the same line.</summary>
    Choir,
}

/// <summary>
/// How the voice sounds. <paramref name="Breathiness"/> and <paramref name="Brightness"/> run from 0 to 1;
/// <paramref name="VibratoCents"/> is the peak pitch deviation of the vibrato and <paramref name="VibratoHz"/> its rate.
/// </summary>
public sealed record VoiceSpec(VoiceType Type, double Breathiness, double VibratoCents, double VibratoHz, double Brightness);

/// <summary>
/// One syllable to sing. The vowel starts at <paramref name="StartSeconds"/> (onset consonants lead in before it) and
/// the syllable ends at StartSeconds + <paramref name="DurationSeconds"/>. <paramref name="Spoken"/> asks for rap
/// delivery: a speech-like pitch contour around <paramref name="MidiPitch"/>, crisp consonants, short vowels, no vibrato.
/// </summary>
public sealed record SungNote(double StartSeconds, double DurationSeconds, double MidiPitch, Syllable Syllable, float Velocity, bool Spoken);
