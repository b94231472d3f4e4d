namespace AudioMusic.Planner.Lyrics.Packs;

/// <summary>Portuguese templates end on prepositions that never contract (sob, com, sem, para, sobre, entre),
/// so "o mar" and "a lua" always follow them correctly.</summary>
internal static class PortuguesePack
{
    public static LyricPack Pack { get; } = new(
        Filler: "ai",
        Verse:
        [
            "(e) eu lembro {T} sob {E}", "dançamos (juntos) sob {E}", "(ai,) sinto {I} com {E}", "(e) cada estrada me leva para {E}",
            "(hoje) te procuro sob {E}", "{I} se perde com {E}", "(e) eu caminho (sozinho) sob {E}", "(e) o mundo gira (devagar) sob {E}",
            "(e) guardo {I} junto com {E}", "escrevi teu nome sobre {E}", "{T} (ainda) vive com {E}", "eu daria tudo para ter {E}",
            "(hoje) sou uma sombra sob {E}", "(e) a manhã me acorda com {E}",
        ],
        PreChorus: ["(e) sinto algo (nascer) com {E}", "(ai,) respira (fundo) sob {E}", "(e) tudo (se) acende com {E}"],
        Hooks:
        [
            "(ai,) {T}, me leva para {E}", "{T}, (oh,) você ilumina {E}", "(e) eu canto para {T} sob {E}", "{T} é (tudo) que eu quero com {E}",
            "(oh,) {T}, me abraça sob {E}",
        ],
        Chorus:
        [
            "(vem,) vamos dançar sob {E}", "brilhamos (como fogo) sob {E}", "(e) eu não vou soltar {E}", "(oh,) estamos vivos sob {E}",
            "(e) nossos corações batem com {E}", "(e) voamos (alto) sobre {E}",
        ],
        Bridge:
        [
            "(e) se as estrelas caírem sobre {E}", "vou te esperar (sempre) sob {E}", "(deixa) a música nos levar para {E}",
            "(talvez) um dia a gente encontre {E}",
        ],
        Outro: ["(ai,) {T}, (oh,) sob {E}", "(e) a gente se perde com {E}", "(e) eu fico aqui com {E}"],
        RapOpenings: ["(é,) com {A}", "(é,) eu venho com {A}", "(e) sempre sob {A}", "(yo,) eu corro para {A}", "(e) eu vivo com {A}", "(é,) ninguém me para sob {A}", "(e) eu sigo com {A}"],
        RapClosings: ["(e) como {E}", "(e) eu brilho como {E}", "(é,) eu sigo para {E}", "(e) escrevo meu nome sobre {E}", "(yo,) eu sou o rei sob {E}", "(e) fico forte com {E}", "(é,) eu danço com {E}"],
        General: new ThemeWords("o sonho", ["teu sorriso", "teu olhar", "o violão", "uma lembrança", "tua voz", "a manhã"],
        [
            "o coração", "a canção", "a paixão", "a ilusão", "o chão", "a solidão", "a estação", "o verão", "o amor", "a dor",
            "o calor", "a flor", "a cor", "o mar", "o luar", "o lugar", "o olhar", "o dia", "a alegria", "a melodia", "a poesia",
            "a magia", "a fantasia", "a cidade", "a saudade", "a liberdade", "a verdade", "a eternidade", "o vento", "o momento",
            "o pensamento", "o firmamento", "a vida", "a despedida", "a ferida", "a avenida", "o castelo", "o gelo", "o cabelo",
            "o sol", "o farol", "o girassol", "o caminho", "o carinho", "o ninho", "o vinho", "a estrela", "a janela", "a vela",
        ]),
        Themes: new Dictionary<string, ThemeWords>
        {
            ["love"] = new("o amor", ["tua mão", "teus beijos", "teus olhos", "tua pele"], ["o amor", "o calor", "a flor", "o coração", "a paixão", "a canção", "o carinho", "o caminho", "a alegria", "a magia"]),
            ["heartbreak"] = new("a saudade", ["tuas cartas", "as lágrimas", "a cama vazia", "teu silêncio"], ["a saudade", "a verdade", "a dor", "o amor", "a solidão", "o chão", "a despedida", "a ferida", "a vida"]),
            ["summer"] = new("o verão", ["a areia", "as ondas", "a brisa", "o calor"], ["o verão", "a estação", "o sol", "o girassol", "o farol", "o mar", "o lugar", "o calor", "a flor", "o dia", "a alegria"]),
            ["night"] = new("a noite", ["as estrelas", "a luz da lua", "as sombras", "as ruas"], ["o luar", "o olhar", "o mar", "a estrela", "a janela", "a vela", "a cidade", "a saudade", "a solidão", "o chão"]),
            ["ocean"] = new("o mar", ["as ondas", "o sal", "o farol", "as velas"], ["o mar", "o luar", "o lugar", "o vento", "o momento", "o farol", "o sol", "a estrela", "a vela"]),
            ["road"] = new("o caminho", ["o motor", "o mapa", "os faróis", "o horizonte"], ["o caminho", "o ninho", "o vinho", "o vento", "o momento", "a liberdade", "a cidade", "a avenida", "a vida"]),
            ["dreams"] = new("o sonho", ["o amanhã", "as estrelas", "um desejo", "a esperança"], ["a ilusão", "o coração", "a canção", "o firmamento", "o pensamento", "a estrela", "a janela", "a liberdade", "a verdade"]),
            ["home"] = new("a casa", ["a cozinha", "a voz da minha mãe", "as fotos antigas", "o jardim"], ["o lugar", "o mar", "o olhar", "o ninho", "o carinho", "o caminho", "o coração", "a canção", "o calor", "o amor"]),
        });
}
