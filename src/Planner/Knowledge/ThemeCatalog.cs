namespace AudioMusic.Planner.Knowledge;

/// <summary>What a song is about, at the level lyric vocabularies are written for. <see cref="Fallback"/> names a
/// close theme for language packs that do not carry this one (a German song about space borrows "night").</summary>
internal sealed record Theme(string Id, IReadOnlyList<string> Keywords, string Fallback);

internal static class ThemeCatalog
{
    /// <summary>Used when the query names neither a topic nor a mood that implies one.</summary>
    public const string DefaultId = "dreams";

    public static IReadOnlyList<Theme> All { get; } =
    [
        new("love", ["love", "in love", "lover", "lovers", "romance", "crush", "kiss", "valentine", "wedding", "darling", "amor", "amour", "liebe", "amore"], "love"),
        new("heartbreak", ["heartbreak", "breakup", "break up", "broken heart", "goodbye", "ex", "cheating", "divorce", "desamor", "tristeza", "chagrin", "herzschmerz", "saudade"], "heartbreak"),
        new("loss", ["loss", "losing", "grief", "funeral", "passed away", "death", "died", "missing", "miss", "memorial", "pérdida", "perte", "verlust"], "heartbreak"),
        new("summer", ["summer", "sun", "sunshine", "sunny", "beach", "vacation", "holiday", "july", "verano", "été", "sommer", "verão", "sol", "soleil", "sonne"], "summer"),
        new("night", ["night", "midnight", "tonight", "moon", "moonlight", "stars", "evening", "noche", "nuit", "nacht", "noite", "luna", "lune", "mond"], "night"),
        new("city", ["city", "town", "streets", "street", "downtown", "neon", "new york", "paris", "london", "tokyo", "ciudad", "ville", "stadt", "cidade"], "night"),
        new("road", ["road", "road trip", "highway", "driving", "car", "journey", "travel", "travelling", "traveling", "train", "miles", "camino", "carretera", "route", "straße", "estrada", "viaje", "voyage", "reise"], "road"),
        new("ocean", ["ocean", "sea", "waves", "wave", "tide", "sailing", "sailor", "shore", "island", "mar", "mer", "meer", "océano", "oceano", "playa", "plage", "strand", "praia"], "ocean"),
        new("party", ["party", "club", "dancing", "dance floor", "celebration", "celebrate", "weekend", "friday night", "fiesta", "fête", "feier", "festa", "bailar", "danser", "tanzen", "dançar"], "summer"),
        new("home", ["home", "hometown", "family", "mother", "mom", "father", "dad", "childhood", "house", "casa", "maison", "zuhause", "heimat", "hogar", "familia", "famille", "familie", "família"], "home"),
        new("freedom", ["freedom", "free", "escape", "rebel", "rebellion", "fly", "flying", "wings", "wild", "libertad", "liberté", "freiheit", "liberdade"], "road"),
        new("dreams", ["dream", "dreams", "dreaming", "hope", "future", "wish", "ambition", "sueño", "sueños", "rêve", "rêves", "traum", "träume", "sonho", "sonhos"], "dreams"),
        new("rain", ["rain", "rainy", "raining", "storm", "stormy", "thunder", "clouds", "grey", "gray", "lluvia", "pluie", "regen", "chuva"], "heartbreak"),
        new("nature", ["nature", "forest", "mountain", "mountains", "river", "trees", "garden", "flowers", "spring", "fields", "valley", "bosque", "montaña", "forêt", "montagne", "wald", "berge", "floresta"], "summer"),
        new("winter", ["winter", "snow", "christmas", "cold", "december", "ice", "frozen", "invierno", "hiver", "inverno", "nieve", "neige", "schnee", "navidad", "noël", "weihnachten", "natal"], "home"),
        new("friendship", ["friend", "friends", "friendship", "buddy", "brother", "sister", "together", "crew", "amigo", "amigos", "ami", "amis", "freund", "freunde", "amizade"], "home"),
        new("space", ["space", "outer space", "galaxy", "planet", "planets", "universe", "cosmos", "astronaut", "rocket", "mars", "orbit", "espacio", "espace", "weltall", "universo"], "night"),
        new("hustle", ["hustle", "grind", "money", "cash", "success", "fame", "rich", "boss", "come up", "dinero", "argent", "geld", "dinheiro"], "dreams"),
        new("faith", ["faith", "god", "lord", "heaven", "prayer", "pray", "angel", "angels", "grace", "fe", "foi", "glaube", "dios", "dieu", "gott", "deus"], "dreams"),
        new("nostalgia", ["nostalgia", "memories", "memory", "remember", "yesterday", "old days", "youth", "school", "recuerdos", "souvenirs", "erinnerungen", "lembranças"], "home"),
    ];

    public static Theme Default => ById(DefaultId);

    public static Theme ById(string id) => All.First(t => t.Id == id);
}
