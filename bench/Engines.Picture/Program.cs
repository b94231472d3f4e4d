using System.Globalization;
using System.Text;
using AudioMusic.Audio.Codecs;
using AudioMusic.Domain;
using AudioMusic.Engines;
using AudioMusic.Engines.BuiltIn;
using AudioMusic.Engines.BuiltIn.Composition;

// Renders one fixed song (same request and seed every time, so the same PCM) to song.wav and draws what the engine
// arranged for it as piano-roll.svg, in the directory given (default: the current one). The spectrogram in
// docs/engine.md is ffmpeg's picture of song.wav; see bench/README.md for the command.
var directory = args.Length > 0 ? args[0] : ".";
Directory.CreateDirectory(directory);

var request = new GenerationRequest
{
    Task = MusicTask.Text2Music,
    Caption = "upbeat pop, piano, female vocals",
    Lyrics = """
        [verse]
        Hello morning light
        Walking down the street
        Every window bright
        Every heart a beat
        [chorus]
        Sing it loud tonight
        Dancing to the beat
        Hold the summer light
        Never lose the heat
        """,
    GenrePreset = "modern-pop",
    DurationSeconds = 36,
    Bpm = 100,
    Key = KeyScale.Of(0, Mode.Major),
    TimeSignature = TimeSignature.FourFour,
    VocalLanguage = "en",
    Seed = 7,
};
var job = new EngineJob("picture", request, [7], new DeviceDescriptor("cpu-0", DeviceKind.Cpu, 0, 0, "picture"));
var engine = new BuiltInEngine();

var result = engine.GenerateAsync(job, new Progress<EngineProgress>(), default).GetAwaiter().GetResult();
var wav = Path.Combine(directory, "song.wav");
using (var stream = File.Create(wav))
{
    new WavEncoder().Encode(result.Variations[0].Audio, stream);
}
var score = engine.Score(job);
var svg = Path.Combine(directory, "piano-roll.svg");
File.WriteAllText(svg, PianoRoll.Draw(score, result.Variations[0].Audio.DurationSeconds));
Console.WriteLine($"wrote {wav} ({result.Variations[0].Audio.DurationSeconds:F1} s) and {svg}");

/// <summary>The arrangement as an SVG piano roll: time across, MIDI pitch up, one colour per part, the sung notes
/// with their syllables on top, the drum hits in lanes underneath and the sections and bars marked above.</summary>
internal static class PianoRoll
{
    private const double Width = 1200;
    private const double PixelsPerSemitone = 5;
    private const int LowPitch = 28;
    private const int HighPitch = 88;
    private const double Left = 70;
    private const double Top = 40;
    private const double LaneHeight = 9;

    private static readonly Dictionary<string, string> RoleColours = new()
    {
        ["bass"] = "#1f77b4", ["comp"] = "#2ca02c", ["pad"] = "#9aa0a6", ["lead"] = "#ff7f0e",
    };

    public static string Draw(SongScore score, double seconds)
    {
        var ci = CultureInfo.InvariantCulture;
        // The whole song fits the page width.
        var pixelsPerSecond = Width / seconds;
        var rollHeight = (HighPitch - LowPitch) * PixelsPerSemitone;
        var drumSounds = Enum.GetValues<DrumSound>();
        var drumTop = Top + rollHeight + 14;
        var width = Left + Width + 20;
        var height = drumTop + (drumSounds.Length * LaneHeight) + 30;
        var svg = new StringBuilder();
        void Line(FormattableString text) => svg.AppendLine(text.ToString(ci));
        double X(double t) => Left + (t * pixelsPerSecond);
        double Y(double pitch) => Top + ((HighPitch - pitch) * PixelsPerSemitone);

        Line($"""<svg xmlns="http://www.w3.org/2000/svg" width="{width:F0}" height="{height:F0}" font-family="sans-serif" font-size="10">""");
        Line($"""<rect width="100%" height="100%" fill="white"/>""");
        // C of every octave, so pitches can be read off.
        for (var c = 36; c <= HighPitch; c += 12)
        {
            Line($"""<line x1="{Left:F0}" x2="{width - 20:F0}" y1="{Y(c):F1}" y2="{Y(c):F1}" stroke="#eee"/><text x="4" y="{Y(c) + 3:F1}">C{(c / 12) - 1}</text>""");
        }
        for (var bar = 0; bar <= score.Form.TotalBars; bar++)
        {
            var x = X(score.Timing.BarStart(bar));
            Line($"""<line x1="{x:F1}" x2="{x:F1}" y1="{Top:F0}" y2="{drumTop + (drumSounds.Length * LaneHeight):F0}" stroke="#ddd"/>""");
        }
        foreach (var section in score.Form.Sections)
        {
            var x0 = X(score.Timing.BarStart(section.StartBar));
            var x1 = X(score.Timing.BarStart(section.StartBar + section.Bars));
            Line($"""<rect x="{x0:F1}" y="8" width="{x1 - x0:F1}" height="18" fill="#f3f0ff" stroke="#b9b0e6"/><text x="{x0 + 4:F1}" y="21">{section.Kind.ToString().ToLowerInvariant()}</text>""");
        }
        foreach (var part in score.Arrangement?.Parts ?? [])
        {
            var colour = RoleColours.GetValueOrDefault(part.Role, "#8c564b");
            foreach (var note in part.Notes.Where(n => n.Pitch is >= LowPitch and <= HighPitch))
            {
                Line($"""<rect x="{X(note.Start):F1}" y="{Y(note.Pitch) - (PixelsPerSemitone / 2):F1}" width="{Math.Max(1, note.Duration * pixelsPerSecond):F1}" height="{PixelsPerSemitone:F0}" fill="{colour}" fill-opacity="{0.25 + (0.6 * note.Velocity):F2}"/>""");
            }
        }
        foreach (var note in score.Vocals)
        {
            var y = Y(note.MidiPitch);
            Line($"""<rect x="{X(note.StartSeconds):F1}" y="{y - (PixelsPerSemitone / 2):F1}" width="{note.DurationSeconds * pixelsPerSecond:F1}" height="{PixelsPerSemitone:F0}" fill="#d62728"/><text x="{X(note.StartSeconds):F1}" y="{y - 4:F1}" fill="#d62728" font-size="7">{Escape(note.Syllable.Text)}</text>""");
        }
        foreach (var line in score.Lines)
        {
            // The lyric (LRC) time of each line: where its first consonant is heard.
            Line($"""<line x1="{X(line.StartSeconds):F1}" x2="{X(line.StartSeconds):F1}" y1="{Top:F0}" y2="{Top + rollHeight:F0}" stroke="#d62728" stroke-dasharray="3,3"/>""");
        }
        for (var i = 0; i < drumSounds.Length; i++)
        {
            var y = drumTop + (i * LaneHeight);
            Line($"""<text x="4" y="{y + 8:F1}" font-size="8">{drumSounds[i].ToString().ToLowerInvariant()}</text>""");
            foreach (var hit in (score.Arrangement?.Drums ?? []).Where(h => h.Sound == drumSounds[i]))
            {
                Line($"""<rect x="{X(hit.Start):F1}" y="{y + 1:F1}" width="3" height="{LaneHeight - 2:F0}" fill="#333" fill-opacity="{0.2 + (0.8 * hit.Velocity):F2}"/>""");
            }
        }
        var legendX = Left;
        foreach (var (label, colour) in RoleColours.Append(new("vocal", "#d62728")).Append(new("drums", "#333")))
        {
            Line($"""<rect x="{legendX:F0}" y="{height - 16:F0}" width="10" height="10" fill="{colour}"/><text x="{legendX + 14:F0}" y="{height - 7:F0}">{label}</text>""");
            legendX += 70;
        }
        Line($"""<text x="{legendX + 20:F0}" y="{height - 7:F0}">time →, {pixelsPerSecond:F0} px per second; bars as grey lines; dashed red: lyric line times</text>""");
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
