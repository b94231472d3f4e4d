using AudioMusic.Domain;

namespace AudioMusic.Engines.BuiltIn.Composition;

/// <summary>One bar of a groove on the sixteenth-step grid. Each lane is a string with one character per step:
/// 'X' accent, 'x' normal, 'o' soft, 'g' ghost, '.' rest. Every pattern puts its strongest kick on the downbeat,
/// which is what makes the meter audible, and keeps broadband hits (kick clicks, hats) on the beats rather than
/// between them: a beat that is as loud between its pulses as on them is heard (and measured) at double speed.</summary>
public sealed record DrumPattern(IReadOnlyDictionary<DrumSound, string> Lanes)
{
    public static float Velocity(char c) => c switch
    {
        'X' => 1.0f,
        'x' => 0.78f,
        'o' => 0.55f,
        'g' => 0.3f,
        _ => 0f,
    };
}

/// <summary>The grooves per feel and meter.</summary>
public static class DrumPatterns
{
    public static DrumPattern For(DrumFeel feel, TimeSignature meter)
    {
        var lanes = meter switch
        {
            _ when meter == TimeSignature.FourFour => FourFour(feel),
            _ when meter == TimeSignature.ThreeFour => ThreeFour(feel),
            _ when meter == TimeSignature.SixEight => SixEight(feel),
            _ => TwoFour(feel),
        };
        return new DrumPattern(lanes);
    }

    private static Dictionary<DrumSound, string> FourFour(DrumFeel feel) => feel switch
    {
        DrumFeel.Pop => new() { [DrumSound.Kick] = "X.......x.......", [DrumSound.Snare] = "....x.......x...", [DrumSound.ClosedHat] = "x...x...x...x..." },
        DrumFeel.Rock => new() { [DrumSound.Kick] = "X.......x.......", [DrumSound.Snare] = "....x.......x...", [DrumSound.ClosedHat] = "x...x...x...x..." },
        DrumFeel.FourOnTheFloor => new() { [DrumSound.Kick] = "X...x...x...x...", [DrumSound.Clap] = "....x.......x...", [DrumSound.OpenHat] = "..o...o...o...o.", [DrumSound.ClosedHat] = "x...x...x...x..." },
        DrumFeel.BoomBap => new() { [DrumSound.Kick] = "X......o..o.....", [DrumSound.Snare] = "....x.......x...", [DrumSound.ClosedHat] = "x.o.x.o.x.o.x.o." },
        DrumFeel.Swing => new() { [DrumSound.Kick] = "o...............", [DrumSound.Ride] = "x...x...x...x...", [DrumSound.ClosedHat] = "....o.......o..." },
        DrumFeel.Shuffle => new() { [DrumSound.Kick] = "X.......o.......", [DrumSound.Snare] = "....x.......x...", [DrumSound.ClosedHat] = "x.o.x.o.x.o.x.o." },
        DrumFeel.OneDrop => new() { [DrumSound.Kick] = "X.......x.......", [DrumSound.Rim] = "........x.......", [DrumSound.ClosedHat] = "x...x...x...x..." },
        DrumFeel.Latin => new() { [DrumSound.Kick] = "X.......x.......", [DrumSound.Rim] = "....x.......x...", [DrumSound.ClosedHat] = "x...x...x...x...", [DrumSound.Shaker] = "..g...g...g...g." },
        DrumFeel.Metal => new() { [DrumSound.Kick] = "X.x.x.x.X.x.x.x.", [DrumSound.Snare] = "....x.......x...", [DrumSound.Crash] = "X...............", [DrumSound.Ride] = "....x...x...x..." },
        DrumFeel.Ambient => new() { [DrumSound.Kick] = "X.......o.......", [DrumSound.Shaker] = "x...o...o...o..." },
        DrumFeel.Orchestral => new() { [DrumSound.Timpani] = "X.......o.......", [DrumSound.Shaker] = "x...o...o...o...", [DrumSound.Snare] = "....g.......g..." },
        DrumFeel.Train => new() { [DrumSound.Kick] = "X.......x.......", [DrumSound.Snare] = "....x.......x...", [DrumSound.ClosedHat] = "x...x...x...x..." },
        _ => new() { [DrumSound.Kick] = "X.......o.......", [DrumSound.Rim] = "....x.......x...", [DrumSound.Shaker] = "x...x...x...x..." },
    };

    private static Dictionary<DrumSound, string> ThreeFour(DrumFeel feel) => feel switch
    {
        DrumFeel.Swing => new() { [DrumSound.Kick] = "o...........", [DrumSound.Ride] = "x...x.o.x...", [DrumSound.ClosedHat] = "....o...o..." },
        DrumFeel.Ambient or DrumFeel.Orchestral => new()
        {
            [feel == DrumFeel.Ambient ? DrumSound.Kick : DrumSound.Timpani] = "X...........",
            [DrumSound.Shaker] = "x...o...o...",
        },
        DrumFeel.Rock or DrumFeel.Metal => new() { [DrumSound.Kick] = "X.......o...", [DrumSound.Snare] = "....x...x...", [DrumSound.ClosedHat] = "x.x.x.x.x.x." },
        _ => new() { [DrumSound.Kick] = "X...........", [DrumSound.Snare] = "....o...o...", [DrumSound.ClosedHat] = "x.o.x.o.x.o." },
    };

    private static Dictionary<DrumSound, string> SixEight(DrumFeel feel) => feel switch
    {
        DrumFeel.Ambient or DrumFeel.Orchestral => new()
        {
            [feel == DrumFeel.Ambient ? DrumSound.Kick : DrumSound.Timpani] = "X...........",
            [DrumSound.Shaker] = "x.g.g.o.g.g.",
        },
        _ => new() { [DrumSound.Kick] = "X...........", [DrumSound.Snare] = "......x.....", [DrumSound.ClosedHat] = "x.g.g.o.g.g." },
    };

    private static Dictionary<DrumSound, string> TwoFour(DrumFeel feel) => feel switch
    {
        DrumFeel.Ambient or DrumFeel.Orchestral => new()
        {
            [feel == DrumFeel.Ambient ? DrumSound.Kick : DrumSound.Timpani] = "X.......",
            [DrumSound.Shaker] = "x...o...",
        },
        DrumFeel.FourOnTheFloor => new() { [DrumSound.Kick] = "X...x...", [DrumSound.Clap] = "....x...", [DrumSound.OpenHat] = "..o...o." },
        _ => new() { [DrumSound.Kick] = "X.......", [DrumSound.Snare] = "....x...", [DrumSound.ClosedHat] = "x.o.x.o." },
    };
}
