using System.Runtime.CompilerServices;

namespace AudioMusic.Engines.BuiltIn.Vocals.Synthesis;

/// <summary>
/// Renders one singer (<see cref="VoiceLayer"/>) of a <see cref="VocalTimeline"/> with a source-filter model:
/// a band-limited glottal pulse train (with jitter, shimmer, vibrato and breath noise) and aspiration noise feed a
/// nasal pole/zero pair and a cascade of four formant resonators; fricative and burst noise goes through a parallel
/// band-pass. Control parameters are updated once per block of <see cref="BlockSize"/> samples (and smoothed, which
/// is what produces formant transitions and legato), and ramped linearly inside the block; the per-sample loop does
/// no allocation and no transcendental maths.
/// </summary>
internal sealed class LayerRenderer
{
    public const int BlockSize = 64;

    private const double JitterDepth = 0.004;
    private const double ShimmerDepth = 0.04;
    private const double SilenceThreshold = 1e-4;
    private const double VibratoDelaySeconds = 0.2;
    private const double VibratoRampSeconds = 0.3;

    private readonly int _sampleRate;
    private readonly VoiceLayer _layer;
    private readonly VoiceSpec _voice;
    private readonly VocalTimeline _timeline;
    private readonly double _blockSeconds;

    private SplitMix _random;
    private uint _noiseState;

    // Smoothed control values (the state carried from block to block).
    private double _voicing, _aspiration, _breath, _frication, _f1, _f2, _f3, _zero, _midi, _increment;
    private double _vibratoPhase, _drift;
    private NoiseShape _noiseShape = NoiseShape.None;

    // Coefficients that do not change during a render, and the band-pass of the last noise colour used.
    private readonly double _sungAmplitudeStep, _spokenAmplitudeStep, _sungFormantStep, _spokenFormantStep;
    private readonly ResonatorCoefficients _fourthFormant, _nasalPole;
    private readonly double _pitchStep, _brightCutoffHz;
    private readonly CachedResonator _formant1 = new(), _formant2 = new(), _formant3 = new();
    private NoiseShape _bandShape = NoiseShape.None;
    private BandPassCoefficients _band;

    // Signal state of the per-sample loop.
    private double _phase, _jitter = 1, _shimmer = 1, _tilt;
    private double _zx1, _zx2, _py1, _py2, _r1y1, _r1y2, _r2y1, _r2y2, _r3y1, _r3y2, _r4y1, _r4y2;
    private double _nx1, _nx2, _ny1, _ny2;

    public LayerRenderer(int sampleRate, VoiceLayer layer, VoiceSpec voice, VocalTimeline timeline, ulong seed)
    {
        _sampleRate = sampleRate;
        _layer = layer;
        _voice = voice;
        _timeline = timeline;
        _blockSeconds = (double)BlockSize / sampleRate;
        _random = new SplitMix(seed);
        _noiseState = (uint)(_random.Next() | 1);
        _vibratoPhase = _random.NextDouble() * 2 * Math.PI;
        _sungAmplitudeStep = 1 - Math.Exp(-_blockSeconds / 0.005);
        _spokenAmplitudeStep = 1 - Math.Exp(-_blockSeconds / 0.003);
        _sungFormantStep = 1 - Math.Exp(-_blockSeconds / 0.014);
        _spokenFormantStep = 1 - Math.Exp(-_blockSeconds / 0.008);
        _fourthFormant = ResonatorCoefficients.Resonance(layer.F4Hz, 250 * layer.BandwidthScale, sampleRate);
        _pitchStep = 1 - Math.Exp(-_blockSeconds / 0.01);
        // Brightness sets the corner of the spectral-tilt low-pass: 1 kHz (dark) to 12 kHz (bright).
        _brightCutoffHz = 1000 * Math.Pow(12, Math.Clamp(voice.Brightness, 0, 1));
        _nasalPole = ResonatorCoefficients.Resonance(ArticulationTargets.NasalPoleHz * layer.F1Scale, 100, sampleRate);
        _band = BandPassCoefficients.For(NoiseShape.None.CentreHz, NoiseShape.None.BandwidthHz, sampleRate);
    }

    /// <summary>Adds this singer to <paramref name="mix"/>; checks cancellation every block (~1.5 ms of audio).</summary>
    public void RenderInto(float[] mix, CancellationToken cancellationToken)
    {
        var segments = _timeline.Segments;
        var segmentIndex = 0;
        var silent = true;
        for (var frame = 0; frame < mix.Length; frame += BlockSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(BlockSize, mix.Length - frame);
            var time = (double)(frame + count) / _sampleRate - _layer.TimeOffsetSeconds;
            while (segmentIndex + 1 < segments.Count && segments[segmentIndex + 1].Start <= time)
            {
                segmentIndex++;
            }
            var active = segments.Count > 0 && segments[segmentIndex].Start <= time && time < segments[segmentIndex].End;
            if (!active && silent)
            {
                continue;
            }
            var target = active ? ArticulationTargets.For(_timeline, segments[segmentIndex], time) : SegmentTarget.Silence;
            if (silent)
            {
                StartFromSilence(target);
                silent = false;
            }
            RenderBlock(mix, frame, count, target, active ? segments[segmentIndex] : (VocalSegment?)null, time);
            if (!active && _voicing < SilenceThreshold && _aspiration < SilenceThreshold
                && _frication < SilenceThreshold && _breath < SilenceThreshold)
            {
                silent = true;
            }
        }
    }

    private double VibratoCents(PlannedNote note, double time)
    {
        if (note.Spoken)
        {
            return 0;
        }
        var delay = Math.Min(VibratoDelaySeconds, 0.3 * (note.VowelEnd - note.VowelStart));
        var depth = Math.Clamp((time - note.VowelStart - delay) / VibratoRampSeconds, 0, 1);
        return Math.Clamp(_voice.VibratoCents, 0, 200) * depth * Math.Sin(_vibratoPhase);
    }

    private void StartFromSilence(SegmentTarget target)
    {
        // Start the tract in the shape of the first phoneme instead of gliding from wherever the last phrase ended.
        (_f1, _f2, _f3, _zero) = (target.Formants.F1, target.Formants.F2, target.Formants.F3, target.Zero);
        (_voicing, _aspiration, _breath, _frication) = (0, 0, 0, 0);
        _midi = double.NaN;
        _increment = 0;
        _phase = 0;
        _tilt = 0;
        _zx1 = _zx2 = _py1 = _py2 = _r1y1 = _r1y2 = _r2y1 = _r2y2 = _r3y1 = _r3y2 = _r4y1 = _r4y2 = 0;
        _nx1 = _nx2 = _ny1 = _ny2 = 0;
    }

    // The inner loop is the hot path of the whole engine; ask for full optimisation even in debug builds.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RenderBlock(float[] mix, int frame, int count, SegmentTarget target, VocalSegment? segment, double time)
    {
        // Spoken delivery articulates faster: shorter smoothing of amplitudes and formants.
        var amplitudeStep = target.Spoken ? _spokenAmplitudeStep : _sungAmplitudeStep;
        var formantStep = target.Spoken ? _spokenFormantStep : _sungFormantStep;

        // Pitch: only meaningful while a note sounds; during a release tail it holds.
        var vibratoRate = Math.Clamp(_voice.VibratoHz, 0, 12) * _layer.VibratoRateFactor * (1 + 0.5 * _drift);
        _vibratoPhase = (_vibratoPhase + 2 * Math.PI * vibratoRate * _blockSeconds) % (2 * Math.PI);
        _drift += 0.01 * ((_random.NextDouble() * 2 - 1) - _drift);
        if (segment is { } current)
        {
            var note = _timeline.Notes[current.NoteIndex];
            var wanted = ArticulationTargets.Midi(_layer, note, time) + (VibratoCents(note, time) + 60 * _drift) / 100;
            _midi = double.IsNaN(_midi) ? wanted : _midi + _pitchStep * (wanted - _midi);
        }
        if (double.IsNaN(_midi))
        {
            return;
        }
        var f0 = 440 * Math.Pow(2, (_midi - 69) / 12);
        var increment = f0 / _sampleRate;
        var startIncrement = _increment > 0 ? _increment : increment;

        var voicing = _voicing + amplitudeStep * (target.Voicing - _voicing);
        var aspiration = _aspiration + amplitudeStep * (target.Aspiration - _aspiration);
        var breath = _breath + amplitudeStep * (Math.Clamp(_voice.Breathiness, 0, 1) * 0.25 * target.Voicing - _breath);
        var frication = _frication + amplitudeStep * (target.Frication - _frication);
        if (segment is not null)
        {
            _f1 += formantStep * (target.Formants.F1 - _f1);
            _f2 += formantStep * (target.Formants.F2 - _f2);
            _f3 += formantStep * (target.Formants.F3 - _f3);
            _zero += formantStep * (target.Zero - _zero);
        }

        // Formant tuning: a soprano opens her jaw so that F1 never falls below the sung pitch.
        var f1 = Math.Max(_f1 * _layer.F1Scale, segment is { Kind: SegmentKind.Vowel } ? 1.1 * f0 : 0);
        var bandwidth = _layer.BandwidthScale;
        var r1 = _formant1.For(f1, 80 * bandwidth, _sampleRate);
        var r2 = _formant2.For(_f2 * _layer.UpperFormantScale, 100 * bandwidth, _sampleRate);
        var r3 = _formant3.For(_f3 * _layer.UpperFormantScale, 150 * bandwidth, _sampleRate);
        var r4 = _fourthFormant;
        var nasalPole = _nasalPole;
        var nasal = Math.Abs(_zero - ArticulationTargets.NasalPoleHz) > 0.5;
        var nasalZero = nasal ? ResonatorCoefficients.AntiResonance(_zero * _layer.F1Scale, 100, _sampleRate) : ResonatorCoefficients.Bypass;
        // Keep the last noise colour while a fricative fades out, instead of switching it off mid-decay.
        if (target.Frication > 0)
        {
            _noiseShape = target.Noise;
        }
        var noise = _noiseShape;
        if (noise != _bandShape)
        {
            _band = BandPassCoefficients.For(noise.CentreHz * _layer.UpperFormantScale, noise.BandwidthHz, _sampleRate);
            _bandShape = noise;
        }
        var band = _band;
        var tiltCutoff = _brightCutoffHz * (0.6 + 0.4 * Math.Min(voicing + 0.3, 1));
        var tiltCoefficient = 1 - Math.Exp(-2 * Math.PI * Math.Min(tiltCutoff, 0.45 * _sampleRate) / _sampleRate);
        var table = _layer.Pulse.ForPitch(f0, _sampleRate);
        var openQuotient = _layer.Pulse.OpenQuotient;

        // The nasal branch and the fricative band-pass only run in blocks that need them (most blocks are vowels).
        var fricating = frication > SilenceThreshold || _frication > SilenceThreshold;
        var inverseCount = 1.0 / count;
        // The block is rendered in passes over two small stack buffers (source, nasal branch, formant cascade,
        // frication) rather than in one loop: each pass keeps few values live, so they all stay in registers.
        Span<double> signal = stackalloc double[count];
        Span<double> white = stackalloc double[count];
        RenderSource(signal, white, voicing, aspiration, breath, increment, startIncrement, inverseCount, table, tiltCoefficient, openQuotient);
        if (nasal)
        {
            ApplyNasalBranch(signal, nasalZero, nasalPole);
        }
        else
        {
            // A bypassed pole/zero pair is the identity, so its output history equals its input history.
            (_zx1, _zx2) = count > 1 ? (signal[count - 1], signal[count - 2]) : (signal[0], _zx1);
            (_py1, _py2) = (_zx1, _zx2);
        }
        ApplyFormantCascade(signal, r1, r2, r3, r4);
        if (fricating)
        {
            AddFrication(signal, white, frication, inverseCount, noise, band);
        }
        else
        {
            (_nx1, _nx2) = count > 1 ? (white[count - 1], white[count - 2]) : (white[0], _nx1);
            (_ny1, _ny2) = (0, 0);
        }
        var layerGain = _layer.Gain;
        for (var i = 0; i < count; i++)
        {
            mix[frame + i] += (float)(signal[i] * layerGain);
        }
        (_voicing, _aspiration, _breath, _frication, _increment) = (voicing, aspiration, breath, frication, increment);
    }

    /// <summary>Glottal pulses (with jitter, shimmer, tilt) plus aspiration and breath noise; also keeps the white noise.</summary>
    private void RenderSource(Span<double> signal, Span<double> white, double voicing, double aspiration, double breath,
        double increment, double startIncrement, double inverseCount, float[] table, double tiltCoefficient, double openQuotient)
    {
        var voicingRamp = (voicing - _voicing) * inverseCount;
        var aspirationRamp = (aspiration - _aspiration) * inverseCount;
        var breathRamp = (breath - _breath) * inverseCount;
        var incrementRamp = (increment - startIncrement) * inverseCount;
        var av = _voicing;
        var ah = _aspiration;
        var ab = _breath;
        var inc = startIncrement;
        var phase = _phase;
        var jitter = _jitter;
        var shimmer = _shimmer;
        var tilt = _tilt;
        var noiseState = _noiseState;
        for (var i = 0; i < signal.Length; i++)
        {
            av += voicingRamp;
            ah += aspirationRamp;
            ab += breathRamp;
            inc += incrementRamp;
            phase += inc * jitter;
            if (phase >= 1)
            {
                // Each glottal cycle is a little irregular in length (jitter) and strength (shimmer).
                phase -= Math.Floor(phase);
                jitter = 1 + JitterDepth * (2 * _random.NextDouble() - 1);
                shimmer = 1 + ShimmerDepth * (2 * _random.NextDouble() - 1);
            }
            var position = phase * GlottalPulseTables.TableSize;
            var index = (int)position;
            var fraction = position - index;
            var pulse = table[index] + fraction * (table[index + 1] - table[index]);
            tilt += tiltCoefficient * (pulse * av * shimmer - tilt);

            noiseState ^= noiseState << 13;
            noiseState ^= noiseState >> 17;
            noiseState ^= noiseState << 5;
            var noise = (int)noiseState * (1.0 / int.MaxValue);
            white[i] = noise;
            // Breath noise is loudest while the glottis is open, so it rides on the pitch pulses.
            signal[i] = tilt + noise * (ah + ab * (phase < openQuotient ? 1 : 0.3));
        }
        (_phase, _jitter, _shimmer, _tilt, _noiseState) = (phase, jitter, shimmer, tilt, noiseState);
    }

    private void ApplyNasalBranch(Span<double> signal, ResonatorCoefficients zero, ResonatorCoefficients pole)
    {
        double za = zero.A, zb = zero.B, zc = zero.C, pa = pole.A, pb = pole.B, pc = pole.C;
        double zx1 = _zx1, zx2 = _zx2, py1 = _py1, py2 = _py2;
        for (var i = 0; i < signal.Length; i++)
        {
            var x = signal[i];
            var zeroOut = za * x + zb * zx1 + zc * zx2;
            var y = pa * zeroOut + pb * py1 + pc * py2;
            zx2 = zx1;
            zx1 = x;
            py2 = py1;
            py1 = y;
            signal[i] = y;
        }
        (_zx1, _zx2, _py1, _py2) = (zx1, zx2, py1, py2);
    }

    private void ApplyFormantCascade(Span<double> signal, ResonatorCoefficients r1, ResonatorCoefficients r2,
        ResonatorCoefficients r3, ResonatorCoefficients r4)
    {
        // Coefficients as plain locals: keeps the loop free of property calls even in unoptimised builds.
        double r1a = r1.A, r1b = r1.B, r1c = r1.C, r2a = r2.A, r2b = r2.B, r2c = r2.C;
        double r3a = r3.A, r3b = r3.B, r3c = r3.C, r4a = r4.A, r4b = r4.B, r4c = r4.C;
        double r1y1 = _r1y1, r1y2 = _r1y2, r2y1 = _r2y1, r2y2 = _r2y2, r3y1 = _r3y1, r3y2 = _r3y2, r4y1 = _r4y1, r4y2 = _r4y2;
        for (var i = 0; i < signal.Length; i++)
        {
            var y1 = r1a * signal[i] + r1b * r1y1 + r1c * r1y2;
            r1y2 = r1y1;
            r1y1 = y1;
            var y2 = r2a * y1 + r2b * r2y1 + r2c * r2y2;
            r2y2 = r2y1;
            r2y1 = y2;
            var y3 = r3a * y2 + r3b * r3y1 + r3c * r3y2;
            r3y2 = r3y1;
            r3y1 = y3;
            var y4 = r4a * y3 + r4b * r4y1 + r4c * r4y2;
            r4y2 = r4y1;
            r4y1 = y4;
            signal[i] = y4;
        }
        (_r1y1, _r1y2, _r2y1, _r2y2, _r3y1, _r3y2, _r4y1, _r4y2) = (r1y1, r1y2, r2y1, r2y2, r3y1, r3y2, r4y1, r4y2);
    }

    /// <summary>Adds fricative/burst noise: a band-pass resonance plus first-difference (high-passed) flat noise.</summary>
    private void AddFrication(Span<double> signal, Span<double> white, double frication, double inverseCount,
        NoiseShape shape, BandPassCoefficients band)
    {
        var fricationRamp = (frication - _frication) * inverseCount;
        var af = _frication;
        double b0 = band.B0, a1 = band.A1, a2 = band.A2;
        double resonantGain = shape.ResonantGain, flatGain = shape.FlatGain;
        double nx1 = _nx1, nx2 = _nx2, ny1 = _ny1, ny2 = _ny2;
        for (var i = 0; i < signal.Length; i++)
        {
            af += fricationRamp;
            var x = white[i];
            var banded = b0 * (x - nx2) - a1 * ny1 - a2 * ny2;
            ny2 = ny1;
            ny1 = banded;
            signal[i] += af * (resonantGain * banded + flatGain * (x - nx1));
            nx2 = nx1;
            nx1 = x;
        }
        (_nx1, _nx2, _ny1, _ny2) = (nx1, nx2, ny1, ny2);
    }

    /// <summary>
    /// Recomputes a resonator's coefficients only when its frequency has moved by more than a quarter hertz: once a
    /// formant has settled, most blocks reuse the previous coefficients instead of calling exp and cos again.
    /// </summary>
    private sealed class CachedResonator
    {
        private double _frequency = double.NaN;
        private double _bandwidth = double.NaN;
        private ResonatorCoefficients _coefficients;

        public ResonatorCoefficients For(double frequencyHz, double bandwidthHz, int sampleRate)
        {
            if (!(Math.Abs(frequencyHz - _frequency) < 0.25) || bandwidthHz != _bandwidth)
            {
                _coefficients = ResonatorCoefficients.Resonance(frequencyHz, bandwidthHz, sampleRate);
                (_frequency, _bandwidth) = (frequencyHz, bandwidthHz);
            }
            return _coefficients;
        }
    }
}
