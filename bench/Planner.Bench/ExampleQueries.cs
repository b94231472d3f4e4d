/// <summary>The queries behind the bench and the documentation's examples: genres, moods, languages, explicit values.</summary>
internal static class ExampleQueries
{
    public static IReadOnlyList<(string Query, int Seed)> All { get; } =
    [
        ("a sad country song about losing my dog on a rainy day", 7),
        ("upbeat 80s synthpop with female vocals about driving at night, 2 minutes", 1),
        ("aggressive trap beat at 145 bpm", 3),
        ("hard-hitting rap about the hustle in the city, male vocals", 4),
        ("una canción romántica de amor sobre el mar", 5),
        ("a slow French waltz in D minor about Paris", 6),
        ("lofi beats to study to", 2),
        ("epic cinematic trailer music with choir, 90 seconds", 8),
        ("ein fröhliches Lied über den Sommer am Meer", 9),
        ("a Japanese city pop song about summer love", 10),
    ];
}
