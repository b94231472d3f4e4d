using System.Diagnostics;
using AudioMusic.Engines.BuiltIn.Vocals;
using static AudioMusic.Engines.BuiltIn.Tests.Vocals.SignalAnalysis;

namespace AudioMusic.Engines.BuiltIn.Tests.Vocals;

public sealed class SingingSynthesizerTests
{
    private const int SampleRate = 44100;
    private static readonly VoiceSpec PlainMale = new(VoiceType.Male, Breathiness: 0.1, VibratoCents: 0, VibratoHz: 5.5, Brightness: 0.6);
    private static readonly VoiceSpec VibratoMale = PlainMale with { VibratoCents = 60 };

    private static Syllable Syl(string nucleus, string[]? onset = null, string[]? coda = null, bool stressed = true) =>
        new(nucleus.ToLowerInvariant(), onset ?? [], nucleus, coda ?? [], stressed);

    private static float[] Render(VoiceSpec voice, double seconds, int seed, params SungNote[] notes) =>
        new SingingSynthesizer(SampleRate).Render(notes, voice, (int)(seconds * SampleRate), seed, CancellationToken.None);

    private static int Frame(double seconds) => (int)Math.Round(seconds * SampleRate);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(12345)]
    [InlineData(44100)]
    public void OutputHasExactlyTheRequestedLength(int frames)
    {
        var notes = new[] { new SungNote(0.1, 2.0, 57, Syl("AA", ["M"]), 0.8f, false) };
        var samples = new SingingSynthesizer(SampleRate).Render(notes, PlainMale, frames, 1, CancellationToken.None);
        Assert.Equal(frames, samples.Length);
    }

    [Fact]
    public void IsSilentOutsideNotesApartFromLeadInAndRelease()
    {
        var samples = Render(VibratoMale, 3.0, 7,
            new SungNote(0.5, 0.5, 55, Syl("AA", ["M"], ["N"]), 0.9f, false),
            new SungNote(2.0, 0.5, 57, Syl("IY", ["S", "T"], ["K"]), 0.9f, true));

        Assert.True(Rms(samples, Frame(0.6), Frame(0.8)) > 0.05);
        Assert.True(Rms(samples, Frame(2.05), Frame(2.2)) > 0.05);
        Assert.Equal(0, PeakAbs(samples, 0, Frame(0.5 - 0.065)));
        Assert.Equal(0, PeakAbs(samples, Frame(1.0 + 0.08), Frame(2.0 - 0.065)));
        Assert.Equal(0, PeakAbs(samples, Frame(2.5 + 0.08), samples.Length));
    }

    [Theory]
    [InlineData(VoiceType.Male, 45.0)]
    [InlineData(VoiceType.Male, 52.3)]
    [InlineData(VoiceType.Female, 64.0)]
    [InlineData(VoiceType.Female, 76.0)]
    public void SustainedVowelIsSungAtTheNotePitch(VoiceType type, double midi)
    {
        var voice = PlainMale with { Type = type };
        var samples = Render(voice, 2.0, 3, new SungNote(0.2, 1.6, midi, Syl("AA", ["L"]), 0.8f, false));

        var measured = YinPitch(samples, Frame(0.9), 4096, SampleRate);
        Assert.InRange(CentsBetween(measured, MidiToHz(midi)), -20, 20);
    }

    [Fact]
    public void OpenAndCloseVowelsHaveTheirFormants()
    {
        var aa = Render(PlainMale, 1.5, 5, new SungNote(0.1, 1.3, 48, Syl("AA"), 0.8f, false));
        var iy = Render(PlainMale, 1.5, 5, new SungNote(0.1, 1.3, 48, Syl("IY"), 0.8f, false));
        var aaSpectrum = MagnitudeSpectrum(aa, Frame(0.5), 8192);
        var iySpectrum = MagnitudeSpectrum(iy, Frame(0.5), 8192);

        // /AA/ is open and back: high F1 (~730 Hz), low F2 (~1090 Hz). /IY/ is close and front: F1 ~270, F2 ~2290.
        var aaF1 = EnvelopePeakHz(aaSpectrum, SampleRate, 200, 1000);
        var iyF1 = EnvelopePeakHz(iySpectrum, SampleRate, 200, 1000);
        var aaF2 = EnvelopePeakHz(aaSpectrum, SampleRate, 900, 3000);
        var iyF2 = EnvelopePeakHz(iySpectrum, SampleRate, 1500, 3000);
        Assert.InRange(aaF1, 600, 850);
        Assert.InRange(iyF1, 200, 400);
        Assert.InRange(aaF2, 950, 1300);
        Assert.InRange(iyF2, 2000, 2600);
    }

    [Fact]
    public void SungNotesHaveVibratoAndSpokenNotesDoNot()
    {
        var sung = Render(VibratoMale, 2.5, 11, new SungNote(0.1, 2.2, 55, Syl("AA"), 0.8f, false));
        var spoken = Render(VibratoMale, 2.5, 11, new SungNote(0.1, 2.2, 55, Syl("AA", stressed: false), 0.8f, true));

        // Sung: vibrato of ±60 cents is fully in after ~0.5 s. Spoken: vowel clipped to ~1.4 s, no vibrato.
        Assert.True(DetrendedPitchDeviationCents(sung, 0.8, 2.0) > 25);
        Assert.True(DetrendedPitchDeviationCents(spoken, 0.4, 1.2) < 8);
    }

    [Fact]
    public void SpokenSyllablesFollowASpeechContourNotTheHeldNote()
    {
        // Rap: the stressed syllable starts with a pitch accent above the note and falls through the vowel.
        var samples = Render(VibratoMale, 1.0, 2, new SungNote(0.1, 0.6, 50, Syl("AA", ["D"]), 0.9f, true));
        var early = CentsBetween(YinPitch(samples, Frame(0.12), 1024, SampleRate), MidiToHz(50));
        var late = CentsBetween(YinPitch(samples, Frame(0.40), 1024, SampleRate), MidiToHz(50));
        Assert.True(early > late + 80, $"accent {early:F0} cents should fall to {late:F0} cents");
    }

    [Fact]
    public void VowelOnsetsAreOnTheBeat()
    {
        var starts = new[] { 0.4, 1.0, 1.6, 2.2, 2.8 };
        var syllables = new[]
        {
            Syl("AA", ["B"]), Syl("IY", ["S"]), Syl("EH", ["T", "R"]), Syl("OW", ["L"]), Syl("AE"),
        };
        var notes = starts.Select((s, i) => new SungNote(s, 0.4, 55, syllables[i], 0.9f, false)).ToArray();
        var samples = Render(VibratoMale, 3.5, 9, notes);
        var voiced = LowPass(samples, 900);

        foreach (var start in starts)
        {
            // Envelope in 2 ms hops; the onset is where it first reaches half of the sustained vowel level.
            var steady = Rms(voiced, Frame(start + 0.15), Frame(start + 0.3));
            var onset = double.NaN;
            for (var t = start - 0.1; t < start + 0.1; t += 0.002)
            {
                if (Rms(voiced, Frame(t - 0.0025), Frame(t + 0.0025)) >= 0.5 * steady)
                {
                    onset = t;
                    break;
                }
            }
            Assert.InRange(onset, start - 0.02, start + 0.02);
        }
    }

    [Fact]
    public void FricativesAreNoiseAndNasalsAreMurmurs()
    {
        var samples = Render(PlainMale, 2.0, 4,
            new SungNote(0.3, 0.5, 50, Syl("AA", ["S"]), 0.9f, false),
            new SungNote(1.3, 0.5, 50, Syl("AA", ["M"]), 0.9f, false));

        var sibilant = SpectralCentroidHz(MagnitudeSpectrum(samples, Frame(0.3 - 0.05), 1024), SampleRate, 11000);
        var vowel = SpectralCentroidHz(MagnitudeSpectrum(samples, Frame(0.5), 1024), SampleRate, 11000);
        var nasal = SpectralCentroidHz(MagnitudeSpectrum(samples, Frame(1.3 - 0.045), 1024), SampleRate, 11000);
        Assert.True(sibilant > 3500, $"/S/ centroid {sibilant:F0} Hz");
        Assert.True(vowel < 2000, $"/AA/ centroid {vowel:F0} Hz");
        Assert.True(nasal < vowel, $"/M/ centroid {nasal:F0} Hz should be below the vowel's {vowel:F0} Hz");
        // Voiced at the note's pitch (D3, 147 Hz), give or take the scoop into the note.
        var murmurPitch = YinPitch(samples, Frame(1.3 - 0.05), 1024, SampleRate);
        Assert.InRange(CentsBetween(murmurPitch, MidiToHz(50)), -60, 20);
    }

    [Fact]
    public void LegatoNotesGlideWithoutAGap()
    {
        var samples = Render(PlainMale, 1.6, 6,
            new SungNote(0.1, 0.7, 50, Syl("AA"), 0.9f, false),
            new SungNote(0.8, 0.7, 55, Syl("AA", ["L"]), 0.9f, false));

        var sustained = Rms(samples, Frame(0.4), Frame(0.6));
        Assert.True(Rms(samples, Frame(0.76), Frame(0.82)) > 0.3 * sustained, "no break between legato notes");
        var before = CentsBetween(YinPitch(samples, Frame(0.5), 2048, SampleRate), MidiToHz(50));
        var after = CentsBetween(YinPitch(samples, Frame(1.2), 2048, SampleRate), MidiToHz(55));
        Assert.InRange(before, -20, 20);
        Assert.InRange(after, -20, 20);
    }

    [Theory]
    [InlineData(VoiceType.Male)]
    [InlineData(VoiceType.Choir)]
    public void IsDeterministicForTheSameSeed(VoiceType type)
    {
        var voice = new VoiceSpec(type, 0.4, 50, 5.8, 0.5);
        var notes = new[]
        {
            new SungNote(0.2, 0.5, 60, Syl("AY", ["SH"], ["N"]), 0.8f, false),
            new SungNote(0.7, 0.4, 62, Syl("OW", ["G"], ["L", "D"]), 0.7f, false),
        };
        var first = Render(voice, 1.5, 42, notes);
        var second = Render(voice, 1.5, 42, notes);
        var otherSeed = Render(voice, 1.5, 43, notes);

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
        Assert.Equal(SingingSynthesizer.PeakLevel, first.Max(Math.Abs), 5);
    }

    [Fact]
    public void ChoirIsSeveralVoicesNotOne()
    {
        var notes = new[] { new SungNote(0.1, 1.4, 60, Syl("AA"), 0.8f, false) };
        var solo = Render(PlainMale with { Type = VoiceType.Female }, 1.6, 8, notes);
        var choir = Render(PlainMale with { Type = VoiceType.Choir }, 1.6, 8, notes);

        // Detuned unison voices beat against each other: the short-term level of a choir fluctuates far more.
        Assert.True(LevelFluctuation(choir, 0.5, 1.4) > 2 * LevelFluctuation(solo, 0.5, 1.4));
        var pitch = YinPitch(choir, Frame(0.8), 4096, SampleRate);
        Assert.InRange(CentsBetween(pitch, MidiToHz(60)), -20, 20);
    }

    [Fact]
    public void CopesWithAwkwardInput()
    {
        var synthesizer = new SingingSynthesizer(48000);
        var odd = new Syllable("hmm", ["HH", "M"], "M", ["XX"], false);
        var notes = new[]
        {
            new SungNote(-0.02, 0.3, 60, Syl("AA", ["S", "T", "R"]), 0.8f, false),          // starts before the buffer
            new SungNote(0.5, 0.2, 60, odd, float.NaN, false),                           // no vowel, unknown phoneme
            new SungNote(0.5, 0.2, 64, Syl("IY"), 0.8f, false),                          // same start as another note
            new SungNote(0.9, 0, 60, Syl("AA"), 0.8f, false),                            // zero length
            new SungNote(1.0, 0.3, 140, Syl("UW"), 0.8f, true),                          // far above any voice
            new SungNote(1.4, 5.0, 62, Syl("OW"), 0.8f, false),                          // runs past the end
        };
        var samples = synthesizer.Render(notes, new VoiceSpec(VoiceType.Choir, double.NaN, 50, 5, 2), 48000 * 2, 3, CancellationToken.None);

        Assert.Equal(96000, samples.Length);
        Assert.All(samples, s => Assert.True(float.IsFinite(s) && Math.Abs(s) <= SingingSynthesizer.PeakLevel + 1e-6f));
        Assert.True(Rms(samples, 48000 * 3 / 2, 48000 * 2) > 0.01, "the last note sings to the end of the buffer");
        Assert.All(new SingingSynthesizer(48000).Render([], PlainMale, 1000, 1, CancellationToken.None), s => Assert.Equal(0f, s));
    }

    [Fact]
    public void HonoursCancellation()
    {
        var notes = new[] { new SungNote(0.1, 1.0, 60, Syl("AA"), 0.8f, false) };
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new SingingSynthesizer(SampleRate).Render(notes, PlainMale, SampleRate, 1, cancelled.Token));
    }

    [Fact]
    public void StopsPromptlyWhenCancelledMidRender()
    {
        // Ten minutes of dense singing takes seconds to render, far longer than the 50 ms before it is cancelled, so
        // the render must notice the cancellation part-way through rather than finish. The render has a thread of its
        // own and this thread cancels it: a timer's callback waits for a free pool thread, which a loaded test run
        // may not have until the render is over.
        var notes = BusyVocal(600, 2000);
        using var cancellation = new CancellationTokenSource();
        Exception? stoppedBy = null;
        var rendering = new Thread(() =>
        {
            try
            {
                new SingingSynthesizer(SampleRate).Render(notes, VibratoMale, 600 * SampleRate, 1, cancellation.Token);
            }
            catch (Exception e)
            {
                stoppedBy = e;
            }
        });
        rendering.Start();
        Thread.Sleep(50);
        var clock = Stopwatch.StartNew();
        cancellation.Cancel();
        rendering.Join();
        Assert.IsAssignableFrom<OperationCanceledException>(stoppedBy);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed.TotalMilliseconds:F0} ms to stop");
    }

    private static SungNote[] BusyVocal(double seconds, int syllables)
    {
        var random = new Random(5);
        var vowels = new[] { "AA", "IY", "EH", "OW", "AY", "UW", "AE", "ER" };
        var consonants = new[] { "S", "T", "L", "M", "K", "R", "D", "N", "B", "SH" };
        var spacing = seconds / syllables;
        return [.. Enumerable.Range(0, syllables).Select(i => new SungNote(
            0.1 + i * spacing, 0.9 * spacing, 52 + random.Next(12),
            Syl(vowels[random.Next(vowels.Length)], [consonants[random.Next(consonants.Length)]],
                [consonants[random.Next(consonants.Length)]]),
            0.8f, false))];
    }

    private static double DetrendedPitchDeviationCents(float[] samples, double from, double to)
    {
        var times = new List<double>();
        var cents = new List<double>();
        for (var t = from; t < to; t += 0.01)
        {
            times.Add(t);
            cents.Add(1200 * Math.Log2(YinPitch(samples, Frame(t), 1024, SampleRate)));
        }
        var meanT = times.Average();
        var meanC = cents.Average();
        var slope = times.Zip(cents, (t, c) => (t - meanT) * (c - meanC)).Sum() / times.Sum(t => (t - meanT) * (t - meanT));
        var residuals = times.Zip(cents, (t, c) => c - (meanC + slope * (t - meanT))).ToList();
        return Math.Sqrt(residuals.Average(r => r * r));
    }

    private static double LevelFluctuation(float[] samples, double from, double to)
    {
        var levels = new List<double>();
        for (var t = from; t < to; t += 0.02)
        {
            levels.Add(Rms(samples, Frame(t), Frame(t + 0.02)));
        }
        var mean = levels.Average();
        return Math.Sqrt(levels.Average(l => (l - mean) * (l - mean))) / mean;
    }

    private static float[] LowPass(float[] samples, double cutoffHz)
    {
        // Two cascaded one-pole low-passes: enough to keep voicing and drop fricative and burst noise.
        var a = 1 - Math.Exp(-2 * Math.PI * cutoffHz / SampleRate);
        var output = new float[samples.Length];
        double first = 0, second = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            first += a * (samples[i] - first);
            second += a * (first - second);
            output[i] = (float)second;
        }
        return output;
    }
}
