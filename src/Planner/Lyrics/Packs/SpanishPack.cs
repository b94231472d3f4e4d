namespace AudioMusic.Planner.Lyrics.Packs;

/// <summary>Spanish templates end on prepositions that never contract (bajo, en, con, por, sobre, hacia), so an
/// end phrase with its article ("la luna", "el mar") always reads correctly.</summary>
internal static class SpanishPack
{
    public static LyricPack Pack { get; } = new(
        Filler: "ay",
        Verse:
        [
            "(y) recuerdo {T} bajo {E}", "bailamos (juntos) bajo {E}", "(ay,) siento {I} en {E}", "(y) cada paso me lleva hacia {E}",
            "(hoy) te busco en {E}", "{I} se pierde en {E}", "(y) camino (despacio) por {E}", "me dijiste que (me) esperabas en {E}",
            "(ay,) escucho {T} en {E}", "(y) el mundo gira (lento) sobre {E}", "(y) guardo {I} (junto) con {E}",
            "(y) la mañana me despierta con {E}", "(y) escribí tu nombre sobre {E}", "{T} (todavía) vive en {E}",
            "lo daría todo por {E}", "(hoy) soy una sombra en {E}",
        ],
        PreChorus:
        [
            "(y) siento que (algo) nace en {E}", "(y) todo (se) enciende con {E}", "(ay,) respira (hondo) bajo {E}",
            "(y) ya no tengo miedo en {E}",
        ],
        Hooks:
        [
            "(ay,) {T}, llévame hacia {E}", "{T}, (oh,) tú iluminas {E}", "(y) canto por {T} en {E}", "{T} es (todo) lo que quiero en {E}",
            "(oh,) {T}, abrázame en {E}",
        ],
        Chorus:
        [
            "(ven,) vamos a bailar bajo {E}", "brillamos (como el fuego) en {E}", "(y) no voy a soltar {E}", "(oh,) estamos vivos en {E}",
            "(y) nuestros corazones laten en {E}", "(y) volamos (alto) sobre {E}",
        ],
        Bridge:
        [
            "(y) si caen las estrellas sobre {E}", "(y) te esperaré (siempre) en {E}", "(deja que) la música nos lleve hacia {E}",
            "(quizás) un día encontremos {E}",
        ],
        Outro: ["(ay,) {T}, (oh,) en {E}", "(y) nos perdemos en {E}", "(y) me quedo aquí con {E}"],
        RapOpenings: ["(eh,) en {A}", "(yo) vengo desde {A}", "(y) crecí en {A}", "(eh,) sigo en {A}", "(y) siempre en {A}", "(yo) camino por {A}", "(eh,) nadie me para en {A}"],
        RapClosings: ["(y) como {E}", "(y) brillo como {E}", "(y) voy directo hacia {E}", "(eh,) nunca me rindo en {E}", "(y) escribo mi nombre en {E}", "(yo) soy el rey en {E}", "(y) sigo firme con {E}"],
        General: new ThemeWords("el sueño", ["tu sonrisa", "tu mirada", "la guitarra", "un recuerdo", "tu voz", "la mañana"],
        [
            "el corazón", "la canción", "la pasión", "la ilusión", "la razón", "el perdón", "el amor", "el dolor", "el calor", "la flor",
            "el color", "el mar", "el lugar", "el hogar", "la alegría", "la melodía", "el día", "la poesía", "la luna", "la cuna",
            "la fortuna", "la noche", "el viento", "el momento", "el firmamento", "el aliento", "la vida", "la herida", "la despedida",
            "la avenida", "la ciudad", "la libertad", "la verdad", "la soledad", "la oscuridad", "el cielo", "el suelo", "el vuelo",
            "el consuelo", "el camino", "el destino", "el vino", "el sol", "el farol", "el girasol",
        ]),
        Themes: new Dictionary<string, ThemeWords>
        {
            ["love"] = new("el amor", ["tu mano", "tus besos", "tus ojos", "tu piel"], ["el amor", "el calor", "la flor", "el corazón", "la pasión", "la ilusión", "la alegría", "la melodía"]),
            ["heartbreak"] = new("el dolor", ["tus cartas", "las lágrimas", "la cama vacía", "tu silencio"], ["el dolor", "el amor", "la herida", "la despedida", "la vida", "la soledad", "la oscuridad", "el perdón", "la razón"]),
            ["summer"] = new("el verano", ["la arena", "las olas", "el calor", "la brisa"], ["el sol", "el girasol", "el farol", "el calor", "la flor", "el mar", "el lugar", "la alegría", "el día"]),
            ["night"] = new("la noche", ["las estrellas", "la luz de la luna", "las sombras", "las calles"], ["la noche", "la luna", "la fortuna", "el cielo", "el vuelo", "la oscuridad", "la ciudad", "el farol", "el sol"]),
            ["ocean"] = new("el mar", ["las olas", "la sal", "el faro", "las velas"], ["el mar", "el lugar", "el hogar", "el viento", "el momento", "la luna", "la fortuna", "el cielo", "el vuelo"]),
            ["road"] = new("el camino", ["el motor", "el mapa", "las luces", "el horizonte"], ["el camino", "el destino", "el vino", "el viento", "el momento", "la libertad", "la ciudad", "la avenida", "la vida"]),
            ["dreams"] = new("el sueño", ["el mañana", "las estrellas", "un deseo", "la esperanza"], ["el cielo", "el vuelo", "el consuelo", "el destino", "el camino", "la ilusión", "el corazón", "la libertad", "la verdad"]),
            ["home"] = new("mi hogar", ["la cocina", "la voz de mi madre", "las fotos viejas", "el jardín"], ["el hogar", "el lugar", "el mar", "la cuna", "la luna", "el corazón", "la canción", "el calor", "el amor"]),
        });
}
