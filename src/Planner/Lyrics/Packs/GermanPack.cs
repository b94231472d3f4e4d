namespace AudioMusic.Planner.Lyrics.Packs;

/// <summary>German templates end on prepositions that take the dative (in, unter, mit, bei, aus), and every end
/// phrase is written in the dative ("der Nacht", "dem Meer"), so case and gender always agree. The topic only
/// appears as a subject or in address, where the nominative is right.</summary>
internal static class GermanPack
{
    public static LyricPack Pack { get; } = new(
        Filler: "oh",
        Verse:
        [
            "(und) wir tanzten (damals) unter {E}", "(ich) spüre {I} (noch) in {E}", "(und) jeder Weg endet (immer) bei {E}",
            "(sag mir,) warum ich suche nach {E}", "(und) ich stehe (ganz) allein mit {E}", "{T} ruft mich (leise) aus {E}",
            "(und) die Welt dreht sich (langsam) unter {E}", "(ich) halte {I} (fest) bei {E}", "(und) der Morgen findet mich (wieder) in {E}",
            "ich schrieb deinen Namen (einst) in {E}", "{T} lebt (noch immer) in {E}", "ich bin (nur) ein Schatten in {E}",
        ],
        PreChorus: ["(und) ich fühle es (steigen) aus {E}", "(oh,) etwas kommt (näher) mit {E}", "halt den Atem an (und) lauf mit {E}"],
        Hooks:
        [
            "(oh,) {T}, du leuchtest in {E}", "{T}, (oh,) bleib bei mir in {E}", "{T} ist alles (was ich will) in {E}", "(und) {T} ruft mich (leise) aus {E}",
        ],
        Chorus:
        [
            "(komm,) wir tanzen (heute) unter {E}", "wir brennen (wie ein Feuer) in {E}", "(oh,) wir sind lebendig in {E}",
            "(und) unsere Herzen schlagen in {E}", "(und) wir fliegen (hoch) mit {E}", "(und) ich lass dich (nie) allein mit {E}",
        ],
        Bridge:
        [
            "(und) wenn die Sterne fallen in {E}", "ich warte (immer) auf dich in {E}", "(vielleicht) finden wir uns (wieder) in {E}",
            "(und) die Musik trägt uns (fort) aus {E}",
        ],
        Outro: ["(oh,) {T}, (oh,) in {E}", "(und) wir verschwinden in {E}", "(und) ich bleibe hier in {E}"],
        RapOpenings: ["(yo,) in {A}", "(yo,) ich komme aus {A}", "(ja,) groß geworden in {A}", "(und) immer noch in {A}", "(yo,) ich fahre mit {A}", "(und) ich lebe in {A}", "(ja,) ich bleibe bei {A}"],
        RapClosings: ["(und) mit {E}", "(und) ich glänze in {E}", "(ja,) keiner stoppt mich in {E}", "(und) ich schreibe meinen Namen in {E}", "(yo,) ich bin der König in {E}", "(und) ich bleibe stark in {E}", "(ja,) ich tanze mit {E}"],
        General: new ThemeWords("der Traum", ["dein Lächeln", "deine Augen", "die Gitarre", "eine Erinnerung", "deine Stimme"],
        [
            "der Nacht", "der Macht", "der Pracht", "dem Wind", "dem Kind", "dem Licht", "dem Gedicht", "der Sicht", "dem Meer",
            "dem Traum", "dem Raum", "dem Baum", "dem Schaum", "dem Herz", "dem Schmerz", "dem März", "dem Strand", "dem Land",
            "der Hand", "der Wand", "dem Sand", "dem Schnee", "dem See", "der Zeit", "der Ewigkeit", "der Freiheit", "der Dunkelheit",
            "der Einsamkeit", "der Sonne", "der Wonne", "der Bahn", "dem Plan", "dem Ozean", "dem Weg", "dem Steg", "dem Boot",
            "dem Morgenrot", "der Glut", "dem Mut", "der Flut", "dem Leben", "dem Beben",
        ]),
        Themes: new Dictionary<string, ThemeWords>
        {
            ["love"] = new("die Liebe", ["deine Hand", "deine Küsse", "deine Augen", "dein Lächeln"], ["dem Herz", "dem März", "der Hand", "dem Strand", "dem Licht", "dem Gedicht", "der Sonne", "der Wonne", "dem Leben", "dem Beben"]),
            ["heartbreak"] = new("der Schmerz", ["deine Briefe", "die Tränen", "das leere Bett", "dein Schweigen"], ["dem Schmerz", "dem Herz", "der Nacht", "der Macht", "der Einsamkeit", "der Dunkelheit", "der Zeit", "dem Wind", "dem Kind"]),
            ["summer"] = new("der Sommer", ["den Sand", "die Wellen", "die Brise", "die Hitze"], ["der Sonne", "der Wonne", "dem Strand", "dem Sand", "dem Land", "der Glut", "der Flut", "dem Mut", "der Freiheit", "der Zeit"]),
            ["night"] = new("die Nacht", ["die Sterne", "den Mond", "die Schatten", "die Straßen"], ["der Nacht", "der Pracht", "dem Licht", "der Sicht", "der Dunkelheit", "der Zeit", "dem Traum", "dem Raum", "dem Wind"]),
            ["ocean"] = new("das Meer", ["die Wellen", "das Salz", "den Leuchtturm", "die Segel"], ["dem Meer", "dem See", "dem Schnee", "dem Strand", "dem Sand", "dem Boot", "dem Morgenrot", "der Flut", "der Glut", "dem Ozean", "der Bahn"]),
            ["road"] = new("die Straße", ["den Motor", "die Karte", "die Scheinwerfer", "den Horizont"], ["dem Weg", "dem Steg", "der Bahn", "dem Plan", "dem Ozean", "dem Land", "dem Strand", "der Freiheit", "der Zeit", "dem Wind"]),
            ["dreams"] = new("der Traum", ["das Morgen", "die Sterne", "einen Wunsch", "die Hoffnung"], ["dem Traum", "dem Raum", "dem Baum", "dem Licht", "dem Gedicht", "der Ewigkeit", "der Zeit", "dem Mut", "der Glut"]),
            ["home"] = new("die Heimat", ["die Küche", "die Stimme meiner Mutter", "die alten Fotos", "den Garten"], ["dem Land", "der Hand", "der Wand", "dem Baum", "dem Traum", "dem Herz", "dem Schmerz", "dem Leben", "dem Beben"]),
        });
}
