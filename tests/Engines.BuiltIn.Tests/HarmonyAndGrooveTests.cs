using AudioMusic.Domain;
using AudioMusic.Engines.BuiltIn.Caption;
using AudioMusic.Engines.BuiltIn.Composition;

namespace AudioMusic.Engines.BuiltIn.Tests;

public sealed class HarmonyAndGrooveTests
{
    [Theory]
    [InlineData("C major")]
    [InlineData("F# minor")]
    [InlineData("Bb major")]
    public void Chords_are_in_key_start_and_end_on_the_tonic_with_a_dominant_before_it(string keyText)
    {
        var key = KeyScale.Parse(keyText);
        var timing = new SongTiming(110, TimeSignature.FourFour, 48_000);
        var style = GenreStyles.For(Genre.Pop);
        var form = new FormPlanner(timing, _ => 8).Plan(null, style.InstrumentalForm, 60);
        var chords = HarmonyWriter.Write(form, key, style, new SeededRandom(3));
        var scale = key.ScalePitchClasses();
        var leadingTone = (key.Tonic + 11) % 12;
        foreach (var chord in chords)
        {
            Assert.All(chord.PitchClasses, pc => Assert.True(scale.Contains(pc) || pc == leadingTone, $"{pc} not in {key}"));
        }
        Assert.Equal(key.Tonic, chords[0].RootPitchClass);
        Assert.Equal(key.Tonic, chords[^1].RootPitchClass);
        Assert.Equal(4, chords[^2].Degree);
    }

    [Fact]
    public void Voice_leading_moves_little_between_chords()
    {
        var key = KeyScale.Parse("C major");
        var voicer = new Voicer(55, 76, 4);
        var previous = voicer.Voice(Chord.Diatonic(key, 0));
        foreach (var degree in new[] { 5, 3, 4, 0 })
        {
            var next = voicer.Voice(Chord.Diatonic(key, degree));
            Assert.True(previous.Zip(next).Sum(p => Math.Abs(p.First - p.Second)) <= 8);
            previous = next;
        }
    }

    [Theory]
    [InlineData(2, 4, 8)]
    [InlineData(3, 4, 12)]
    [InlineData(4, 4, 16)]
    [InlineData(6, 8, 12)]
    public void Every_groove_fills_one_bar_and_accents_its_downbeat(int beats, int unit, int steps)
    {
        foreach (var feel in Enum.GetValues<DrumFeel>())
        {
            var pattern = DrumPatterns.For(feel, new TimeSignature(beats, unit));
            Assert.All(pattern.Lanes.Values, lane => Assert.Equal(steps, lane.Length));
            var low = pattern.Lanes.Where(l => l.Key is DrumSound.Kick or DrumSound.Timpani).Select(l => l.Value).Single();
            Assert.NotEqual('.', low[0]);
            Assert.Equal(low.Max(DrumPattern.Velocity), DrumPattern.Velocity(low[0]));
        }
    }

    [Fact]
    public void Drums_of_a_form_land_on_the_exact_grid()
    {
        var timing = new SongTiming(120, TimeSignature.ThreeFour, 48_000);
        var form = new FormPlanner(timing, _ => 8).Plan(null, GenreStyles.For(Genre.Pop).InstrumentalForm, 30);
        var hits = new DrumWriter(new Groove(timing, 0), DrumFeel.Pop, new SeededRandom(1)).Write(form, 0.7, loop: false);
        var kicks = hits.Where(h => h.Sound == DrumSound.Kick).ToArray();
        Assert.All(kicks, k =>
        {
            var steps = k.Start / timing.StepSeconds;
            Assert.True(Math.Abs(steps - Math.Round(steps)) * timing.StepSeconds < 0.003);
        });
        // 3/4: one kick per bar, on the downbeat.
        Assert.Equal(form.TotalBars, kicks.Length);
    }
}
