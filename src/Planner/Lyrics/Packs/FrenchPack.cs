namespace AudioMusic.Planner.Lyrics.Packs;

/// <summary>French templates end on prepositions that never contract with the article (sous, dans, avec, vers,
/// sur, pour, contre), so "la nuit" and "le ciel" always follow them correctly.</summary>
internal static class FrenchPack
{
    public static LyricPack Pack { get; } = new(
        Filler: "oh",
        Verse:
        [
            "(et) je revois {T} sous {E}", "nous dansions (encore) sous {E}", "(oh,) je sens {I} dans {E}", "(et) chaque chemin me mène vers {E}",
            "(alors) dis-moi pourquoi je cours vers {E}", "{I} s'efface (doucement) dans {E}", "(et) je marche (seul) sous {E}",
            "(oh,) j'entends {T} dans {E}", "(et) le monde tourne (lentement) sous {E}", "(et) je garde {I} contre {E}",
            "j'ai écrit ton nom sur {E}", "{T} vit (encore) dans {E}", "je donnerais tout pour {E}", "(et) le matin me trouve dans {E}",
        ],
        PreChorus: ["(oh,) quelque chose brille dans {E}", "retiens ton souffle (et) cours vers {E}", "(et) tout s'allume avec {E}"],
        Hooks:
        [
            "(oh,) {T}, emmène-moi vers {E}", "{T}, (oh,) tu illumines {E}", "(et) je chante pour {T} dans {E}", "{T}, (oh,) garde-moi dans {E}",
        ],
        Chorus:
        [
            "(alors) viens danser sous {E}", "on brille (comme un feu) dans {E}", "(et) je ne lâche pas {E}", "(oh,) nous sommes vivants dans {E}",
            "(et) nos cœurs battent dans {E}", "(et) on s'envole (haut) vers {E}",
        ],
        Bridge:
        [
            "(et) si les étoiles tombaient sur {E}", "je t'attendrai (toujours) dans {E}", "(laisse) la musique nous porter vers {E}",
            "(peut-être) qu'un jour on trouvera {E}",
        ],
        Outro: ["(oh,) {T}, (oh,) dans {E}", "(et) on disparaît dans {E}", "(et) je reste là dans {E}"],
        RapOpenings: ["(ouais,) dans {A}", "(ouais,) j'ai grandi dans {A}", "(yo,) je traîne dans {A}", "(et) toujours sous {A}", "(ouais,) je roule vers {A}", "(et) je cours dans {A}", "(yo,) je reviens vers {A}"],
        RapClosings: ["(et) comme {E}", "(et) je brille comme {E}", "(ouais,) je fonce vers {E}", "(et) j'écris mon nom sur {E}", "(yo,) personne ne m'arrête dans {E}", "(et) je reste fort dans {E}", "(ouais,) je vise {E}"],
        General: new ThemeWords("le rêve", ["ton sourire", "tes yeux", "ta voix", "la guitare", "un souvenir", "le matin"],
        [
            "l'amour", "le jour", "le retour", "le tambour", "le détour", "la nuit", "le bruit", "minuit", "la pluie", "la lumière",
            "la rivière", "la prière", "la frontière", "la poussière", "le soleil", "le sommeil", "le réveil", "le vent", "le temps",
            "l'océan", "le printemps", "l'instant", "le chant", "le cœur", "la peur", "la douleur", "la couleur", "la chaleur",
            "le bonheur", "la fleur", "la liberté", "l'été", "la beauté", "la clarté", "la vérité", "la vie", "l'envie", "la folie",
            "la mélodie", "le chemin", "demain", "le matin", "le destin", "le jardin", "la voix", "la foi", "le voyage", "le rivage",
            "l'orage", "le nuage", "le visage", "le bateau", "l'oiseau", "le château", "l'eau",
        ]),
        Themes: new Dictionary<string, ThemeWords>
        {
            ["love"] = new("l'amour", ["ta main", "tes baisers", "tes yeux", "ta peau"], ["l'amour", "le jour", "le retour", "le cœur", "le bonheur", "la fleur", "la vie", "l'envie", "la folie"]),
            ["heartbreak"] = new("la douleur", ["tes lettres", "les larmes", "le lit vide", "ton silence"], ["la douleur", "la peur", "le cœur", "la pluie", "la nuit", "minuit", "le retour", "l'amour", "la poussière", "la prière"]),
            ["summer"] = new("l'été", ["le sable", "les vagues", "la brise", "la chaleur"], ["l'été", "la liberté", "la beauté", "le soleil", "le réveil", "la chaleur", "la fleur", "le jardin", "le matin"]),
            ["night"] = new("la nuit", ["les étoiles", "la lune", "les ombres", "les rues"], ["la nuit", "minuit", "le bruit", "la lumière", "la prière", "le sommeil", "le réveil", "le chemin", "demain"]),
            ["ocean"] = new("la mer", ["les vagues", "le sel", "le phare", "les voiles"], ["l'océan", "le vent", "le temps", "le bateau", "l'oiseau", "l'eau", "le rivage", "le nuage", "l'orage", "le voyage"]),
            ["road"] = new("la route", ["le moteur", "la carte", "les phares", "l'horizon"], ["le chemin", "demain", "le destin", "le voyage", "le rivage", "le nuage", "la liberté", "l'été", "le vent", "le temps"]),
            ["dreams"] = new("le rêve", ["demain", "les étoiles", "un vœu", "l'espoir"], ["le destin", "demain", "le chemin", "la lumière", "la frontière", "la liberté", "la vérité", "le bonheur", "le cœur"]),
            ["home"] = new("la maison", ["la cuisine", "la voix de ma mère", "les vieilles photos", "le jardin"], ["le jardin", "le matin", "le chemin", "le retour", "l'amour", "le jour", "la chaleur", "le cœur", "la voix", "la foi"]),
        });
}
