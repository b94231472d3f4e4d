namespace AudioMusic.Planner.Lyrics.Packs;

/// <summary>English templates and vocabulary. Every word here is in the embedded pronunciation list
/// (Data/build-pronunciations.mjs reads this file), so syllables and rhymes come from the dictionary.</summary>
internal static class EnglishPack
{
    public static LyricPack Pack { get; } = new(
        Filler: "oh",
        Verse:
        [
            "(oh,) I remember {T} in {E}", "we were (only) dancing under {E}", "I can (still) feel {I} in {E}",
            "(and) every (single) road leads back to {E}", "(so) tell me why I'm chasing {E}", "{I} is (slowly) fading into {E}",
            "(now) I'm (standing) on my own beneath {E}", "(yeah,) you (always) said we'd meet at {E}", "I hear {T} calling (softly) through {E}",
            "(and) the whole world (slowly) turns around {E}", "we (could) run (forever) towards {E}", "I keep {I} (close) beside {E}",
            "(and) the morning finds me (waiting) by {E}", "there's a (little) piece of me in {E}", "(oh,) I wrote your name upon {E}",
            "{T} (still) lives (somewhere) in {E}", "I (would) give it all for {E}", "(now) I'm (drifting) like a shadow through {E}",
            "(and) I carry {I} into {E}", "(so) we talked about {T} until {E}", "(and) my heart (was) beating like {E}",
            "every little thing reminds me of {E}",
        ],
        PreChorus:
        [
            "(and) I can feel it (rising) from {E}", "(so) here we go, (we) go into {E}", "(oh,) something's (coming) over {E}",
            "hold your breath (and) reach for {E}", "(and) the walls are (falling) down around {E}", "(so) don't you (ever) turn away from {E}",
        ],
        Hooks:
        [
            "(oh,) {T}, take me to {E}", "{T}, (oh,) you light up {E}", "(and) I sing for {T} in {E}", "{T} is (all) I need in {E}",
            "(oh,) {T}, hold me through {E}", "(so) here's to {T} and {E}", "(oh,) {T}, (come and) lead me to {E}",
        ],
        Chorus:
        [
            "(so) come on, let's go (dancing) in {E}", "we'll be (shining) like a fire in {E}", "(and) I won't let go of {E}",
            "(oh,) we're (finally) alive in {E}", "(yeah,) our hearts are (beating) in {E}", "(and) we'll never (ever) leave {E}",
            "(so) lift me (up) above {E}", "(oh,) tonight we (will) shine like {E}", "(and) we're flying (high) over {E}",
        ],
        Bridge:
        [
            "(and) if the stars (should) fall upon {E}", "(oh,) when the silence (finally) breaks {E}", "I will (still) be waiting at {E}",
            "(so) let the music carry {E}", "(and) maybe we will find {E}", "(oh,) nothing (ever) stays in {E}",
        ],
        Outro:
        [
            "(oh,) {T}, (oh,) in {E}", "(and) we fade into {E}", "(so) goodnight to {E}", "(and) I'll be here in {E}",
        ],
        RapOpenings:
        [
            "(yeah,) I came up from {A}", "rolling (deep) through {A}", "(uh,) started from {A}", "(yo,) I was raised in {A}",
            "stay (up) grinding in {A}", "(look,) I been living for {A}", "(and) {T} on my mind in {A}", "(yeah,) pull up to {A}",
            "(uh,) every day I'm in {A}", "(yo,) they never saw {A}",
        ],
        RapClosings:
        [
            "now I'm (really) shining like {E}", "(and) I keep my eyes on {E}", "never (ever) stopping for {E}", "(uh,) I'm the king of {E}",
            "(yo,) {T} got me chasing {E}", "(and) I write my name on {E}", "(yeah,) we keep running to {E}", "(and) I'm (still) standing in {E}",
            "(uh,) now they know about {E}",
        ],
        General: new ThemeWords("the dream",
            ["your smile", "the candle", "a memory", "the music", "the silence", "your voice", "the morning", "my heart"],
            [
                "the night", "the light", "the flight", "the satellite", "the fire", "my desire", "the choir",
                "the rain", "the train", "the pain", "my heart", "the start", "the dark", "the spark", "the park",
                "the sky", "July", "the lullaby", "the goodbye", "the road", "my home", "the snow", "the glow", "the radio", "the show",
                "the sea", "the tree", "the moon", "the tune", "the afternoon", "the ground", "the sound", "the shore",
                "the door", "the floor", "the war", "the spring", "the ring", "the wing", "your love", "the dove",
                "the west", "my chest", "the rest", "the line", "the sign", "the wine", "the pine", "the dream", "the stream", 
                "the air", "the prayer", "the wall", "the fall", "the day", "the way",
                "the bay", "the highway", "the cloud", "the crowd", "the street", "the heat", "the beat", "my feet",
                "the hill", "the thrill", "the windmill", "the tide", "the ride", "the other side", "the countryside", "the wave",
                "my soul", "the space", "the place", "your face", "the sun", "the run", "the one",
                "the car", "the star", "the guitar", "the end", "my friend", "the stone",
                "the unknown", "the room", "the bloom", 
            ]),
        Themes: new Dictionary<string, ThemeWords>
        {
            ["love"] = new("your love", ["your hand", "your smile", "your eyes", "a kiss", "your heartbeat"],
                ["your love", "the dove", "my heart", "the start", "the spark", "the fire", "my desire", "your face", "the place", "the one", "the sun"]),
            ["heartbreak"] = new("the heartbreak", ["the tears", "your letters", "an empty bed", "the photographs", "a broken promise"],
                ["the pain", "the rain", "the goodbye", "the lullaby", "the dark", "the scar", "the end", "the gloom", "the room", "the stone", "the unknown"]),
            ["loss"] = new("the memory", ["your picture", "an empty chair", "the silence", "the flowers", "your old coat"],
                ["the chair", "the prayer", "the air", "the stair", "the sky", "the goodbye", "the light", "the night", "the stone", "the unknown"]),
            ["summer"] = new("the summer", ["the sunshine", "the ice cream", "bare feet", "the open windows", "the cold drinks"],
                ["the sun", "the run", "the heat", "the street", "July", "the sky", "the bay", "the day", "the wave", "the shore", "the tide", "the ride"]),
            ["night"] = new("the night", ["the moonlight", "the street lights", "the shadows", "the neon", "a thousand stars"],
                ["the night", "the light", "the moon", "the tune", "the star", "the car", "the dark", "the spark", "the sky", "the lullaby"]),
            ["city"] = new("the city", ["the neon", "the traffic", "the skyline", "the subway", "the city lights"],
                ["the street", "the heat", "the beat", "the crowd", "the cloud", "the train", "the lane", "the night", "the light", "the sound", "the ground"]),
            ["road"] = new("the open road", ["the engine", "the map", "the headlights", "a motel sign", "the dashboard"],
                ["the road", "the highway", "the way", "the car", "the star", "the line", "the sign", "the ride", "the countryside", "the bend", "the end"]),
            ["ocean"] = new("the ocean", ["the salt", "the seagulls", "the lighthouse", "the sails", "the harbor"],
                ["the sea", "the tide", "the other side", "the wave", "the cave", "the shore", "the door", "the bay", "the day", "the moon", "the tune"]),
            ["party"] = new("the party", ["the bass", "the strobe lights", "the dance floor", "the music", "the DJ"],
                ["the beat", "my feet", "the street", "the crowd", "the night", "the light", "the floor", "the door", "the sound", "the ground", "the bar", "the star"]),
            ["home"] = new("my home", ["the porch", "the kitchen", "my mother's voice", "the old photographs", "the garden"],
                ["my home", "the stone", "the door", "the floor", "the hill", "the windmill", "the tree", "the key", "the fire", "the choir", "the room", "the bloom"]),
            ["freedom"] = new("freedom", ["the open sky", "my wings", "the wind", "the horizon", "the wild"],
                ["the sky", "the flight", "the light", "the wing", "the spring", "the road", "the ride", "the other side", "the unknown", "the race", "the space"]),
            ["dreams"] = new("the dream", ["tomorrow", "the future", "the stars", "a wish", "my hope"],
                ["the dream", "the stream", "the beam", "the star", "the sky", "the light", "the night", "the sun", "the one", "the way", "the day"]),
            ["rain"] = new("the rain", ["the thunder", "the puddles", "the grey clouds", "the window", "the storm"],
                ["the rain", "the lane", "the pain", "the cloud", "the crowd", "the windmill", "the hill", "the gloom", "the room", "the sound", "the ground"]),
            ["nature"] = new("the mountains", ["the river", "the forest", "the wildflowers", "the meadow", "the eagle"],
                ["the tree", "the sea", "the pine", "the line", "the stream", "the dream", "the hill", "the thrill", "the bloom", "the spring", "the wing", "the countryside", "the tide"]),
            ["winter"] = new("the winter", ["the snowflakes", "the fireplace", "the frozen lake", "a warm coat", "the candle"],
                ["the snow", "the glow", "the fire", "the choir", "the night", "the light", "my home", "the stone", "the tree", "the key"]),
            ["friendship"] = new("my friend", ["the laughter", "our stories", "the old days", "your shoulder", "our secrets"],
                ["my friend", "the end", "the bend", "the ride", "the other side", "the call", "the fall", "the hall", "the road", "the way", "the day"]),
            ["space"] = new("the stars", ["the rocket", "the planets", "the comet", "zero gravity", "the galaxy"],
                ["the star", "the car", "the moon", "the afternoon", "the space", "the race", "the satellite", "the light", "the night", "the sky", "the unknown"]),
            ["hustle"] = new("the hustle", ["the money", "the grind", "the spotlight", "my team", "the paper"],
                ["the dream", "the stream", "the beam", "the throne", "the phone", "the stone", "the crown", "the town", "the top", "the race", "the space", "the one", "the run"]),
            ["faith"] = new("the heaven", ["the angels", "the candle", "my prayer", "the grace", "the church bells"],
                ["the prayer", "the air", "the light", "the night", "the sky", "the lullaby", "my soul", "the goal", "the choir", "the fire", "the dove", "your love"]),
            ["nostalgia"] = new("the memories", ["the old photographs", "the school yard", "the summer nights", "the radio", "our younger days"],
                ["the radio", "the show", "the glow", "the snow", "the day", "the way", "the park", "the dark", "the hall", "the wall", "the call"]),
        });
}
