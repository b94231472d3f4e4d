using AudioMusic.Engines.BuiltIn.Composition;

namespace AudioMusic.Engines.BuiltIn.Synthesis;

/// <summary>Synthesises one note into a mono buffer that starts at the note's onset.</summary>
internal interface INoteSynth
{
    /// <summary>How long the note sounds after its nominal end (release, ring), in seconds.</summary>
    double ReleaseSeconds { get; }

    /// <summary>Adds the note to <paramref name="output"/> (already zeroed), whose length is the note's duration plus
    /// the release, possibly cut short by the end of the song.</summary>
    void Render(in NoteEvent note, Span<float> output);
}
