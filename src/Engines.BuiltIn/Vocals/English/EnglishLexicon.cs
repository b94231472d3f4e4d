namespace AudioMusic.Engines.BuiltIn.Vocals.English;

/// <summary>
/// Pronunciations (ARPAbet with stress digits: 1 primary, 2 secondary, 0 none) of common English words, above all
/// those the spelling rules get wrong: function words, irregular vowels and the vocabulary of song lyrics.
/// Written for this project from general phonetic knowledge.
/// </summary>
internal static class EnglishLexicon
{
    private static readonly Lazy<Dictionary<string, StressedPhoneme[]>> Entries = new(Parse);

    public static bool TryGet(string word, out StressedPhoneme[] phonemes) => Entries.Value.TryGetValue(word, out phonemes!);

    private static Dictionary<string, StressedPhoneme[]> Parse()
    {
        var entries = new Dictionary<string, StressedPhoneme[]>(StringComparer.Ordinal);
        foreach (var line in Data.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            entries[parts[0]] = [.. parts.Skip(1).Select(ParsePhoneme)];
        }
        return entries;
    }

    private static StressedPhoneme ParsePhoneme(string token) =>
        char.IsAsciiDigit(token[^1]) ? new StressedPhoneme(token[..^1], token[^1] - '0') : new StressedPhoneme(token);

    private const string Data = """
        a AH0
        about AH0 B AW1 T
        above AH0 B AH1 V
        across AH0 K R AO1 S
        after AE1 F T ER0
        again AH0 G EH1 N
        against AH0 G EH1 N S T
        ago AH0 G OW1
        ain't EY1 N T
        alive AH0 L AY1 V
        all AO1 L
        alone AH0 L OW1 N
        along AH0 L AO1 NG
        already AO0 L R EH1 D IY0
        alright AO2 L R AY1 T
        also AO1 L S OW0
        always AO1 L W EY2 Z
        am AE1 M
        among AH0 M AH1 NG
        an AE1 N
        and AE1 N D
        angel EY1 N JH AH0 L
        another AH0 N AH1 DH ER0
        any EH1 N IY0
        anyone EH1 N IY0 W AH2 N
        anything EH1 N IY0 TH IH2 NG
        are AA1 R
        arms AA1 R M Z
        around ER0 AW1 N D
        as AE1 Z
        ask AE1 S K
        at AE1 T
        away AH0 W EY1
        baby B EY1 B IY0
        back B AE1 K
        be B IY1
        bear B EH1 R
        beautiful B Y UW1 T AH0 F AH0 L
        because B IH0 K AH1 Z
        been B IH1 N
        before B IH0 F AO1 R
        begin B IH0 G IH1 N
        behind B IH0 HH AY1 N D
        believe B IH0 L IY1 V
        better B EH1 T ER0
        between B IH0 T W IY1 N
        beyond B IY0 AA1 N D
        blood B L AH1 D
        blown B L OW1 N
        blue B L UW1
        body B AA1 D IY0
        born B AO1 R N
        both B OW1 TH
        boy B OY1
        bread B R EH1 D
        break B R EY1 K
        breath B R EH1 TH
        bring B R IH1 NG
        broken B R OW1 K AH0 N
        brother B R AH1 DH ER0
        build B IH1 L D
        burn B ER1 N
        but B AH1 T
        buy B AY1
        by B AY1
        call K AO1 L
        came K EY1 M
        can K AE1 N
        can't K AE1 N T
        change CH EY1 N JH
        child CH AY1 L D
        children CH IH1 L D R AH0 N
        city S IH1 T IY0
        close K L OW1 S
        cold K OW1 L D
        color K AH1 L ER0
        colour K AH1 L ER0
        come K AH1 M
        coming K AH1 M IH0 NG
        could K UH1 D
        couldn't K UH1 D AH0 N T
        country K AH1 N T R IY0
        couple K AH1 P AH0 L
        cry K R AY1
        dance D AE1 N S
        dark D AA1 R K
        day D EY1
        dead D EH1 D
        dear D IH1 R
        death D EH1 TH
        deep D IY1 P
        did D IH1 D
        didn't D IH1 D AH0 N T
        do D UW1
        does D AH1 Z
        doesn't D AH1 Z AH0 N T
        don't D OW1 N T
        done D AH1 N
        door D AO1 R
        double D AH1 B AH0 L
        down D AW1 N
        dream D R IY1 M
        dreams D R IY1 M Z
        each IY1 CH
        early ER1 L IY0
        earth ER1 TH
        easy IY1 Z IY0
        else EH1 L S
        end EH1 N D
        enough IH0 N AH1 F
        even IY1 V IH0 N
        ever EH1 V ER0
        every EH1 V R IY0
        everybody EH1 V R IY0 B AA2 D IY0
        everyone EH1 V R IY0 W AH2 N
        everything EH1 V R IY0 TH IH2 NG
        eye AY1
        eyes AY1 Z
        face F EY1 S
        fall F AO1 L
        father F AA1 DH ER0
        fear F IH1 R
        feather F EH1 DH ER0
        feel F IY1 L
        find F AY1 N D
        fire F AY1 ER0
        first F ER1 S T
        flown F L OW1 N
        fly F L AY1
        foot F UH1 T
        for F AO1 R
        forever F ER0 EH1 V ER0
        forget F ER0 G EH1 T
        four F AO1 R
        free F R IY1
        friend F R EH1 N D
        friends F R EH1 N D Z
        from F R AH1 M
        front F R AH1 N T
        future F Y UW1 CH ER0
        get G EH1 T
        ghost G OW1 S T
        girl G ER1 L
        give G IH1 V
        go G OW1
        god G AA1 D
        goes G OW1 Z
        going G OW1 IH0 NG
        gone G AO1 N
        gonna G AA1 N AH0
        good G UH1 D
        great G R EY1 T
        grown G R OW1 N
        guitar G IH0 T AA1 R
        had HH AE1 D
        hand HH AE1 N D
        hands HH AE1 N D Z
        happy HH AE1 P IY0
        has HH AE1 Z
        have HH AE1 V
        he HH IY1
        head HH EH1 D
        hear HH IH1 R
        heard HH ER1 D
        heart HH AA1 R T
        heaven HH EH1 V AH0 N
        heavy HH EH1 V IY0
        hello HH AH0 L OW1
        her HH ER1
        here HH IH1 R
        hero HH IH1 R OW0
        hey HH EY1
        high HH AY1
        him HH IH1 M
        his HH IH1 Z
        hold HH OW1 L D
        home HH OW1 M
        honey HH AH1 N IY0
        hope HH OW1 P
        hour AW1 ER0
        how HH AW1
        however HH AW2 EH1 V ER0
        i AY1
        i'd AY1 D
        i'll AY1 L
        i'm AY1 M
        i've AY1 V
        if IH1 F
        in IH1 N
        inside IH0 N S AY1 D
        into IH1 N T UW0
        is IH1 Z
        isn't IH1 Z AH0 N T
        it IH1 T
        it's IH1 T S
        just JH AH1 S T
        keep K IY1 P
        kind K AY1 N D
        kiss K IH1 S
        knew N UW1
        know N OW1
        known N OW1 N
        last L AE1 S T
        laugh L AE1 F
        learn L ER1 N
        leather L EH1 DH ER0
        leave L IY1 V
        let L EH1 T
        let's L EH1 T S
        lie L AY1
        life L AY1 F
        light L AY1 T
        like L AY1 K
        lion L AY1 AH0 N
        listen L IH1 S AH0 N
        little L IH1 T AH0 L
        live L IH1 V
        lonely L OW1 N L IY0
        long L AO1 NG
        look L UH1 K
        lose L UW1 Z
        lost L AO1 S T
        love L AH1 V
        lover L AH1 V ER0
        made M EY1 D
        make M EY1 K
        man M AE1 N
        many M EH1 N IY0
        maybe M EY1 B IY0
        me M IY1
        mean M IY1 N
        measure M EH1 ZH ER0
        medicine M EH1 D AH0 S AH0 N
        memory M EH1 M ER0 IY0
        mind M AY1 N D
        mine M AY1 N
        money M AH1 N IY0
        moon M UW1 N
        more M AO1 R
        morning M AO1 R N IH0 NG
        most M OW1 S T
        mother M AH1 DH ER0
        mountain M AW1 N T AH0 N
        move M UW1 V
        much M AH1 CH
        music M Y UW1 Z IH0 K
        must M AH1 S T
        my M AY1
        myself M AY0 S EH1 L F
        near N IH1 R
        need N IY1 D
        never N EH1 V ER0
        new N UW1
        night N AY1 T
        no N OW1
        nobody N OW1 B AA2 D IY0
        none N AH1 N
        not N AA1 T
        nothing N AH1 TH IH0 NG
        now N AW1
        ocean OW1 SH AH0 N
        of AH1 V
        off AO1 F
        oh OW1
        old OW1 L D
        on AA1 N
        once W AH1 N S
        one W AH1 N
        only OW1 N L IY0
        open OW1 P AH0 N
        or AO1 R
        other AH1 DH ER0
        our AW1 ER0
        out AW1 T
        over OW1 V ER0
        own OW1 N
        people P IY1 P AH0 L
        place P L EY1 S
        please P L IY1 Z
        pleasure P L EH1 ZH ER0
        pretty P R IH1 T IY0
        put P UH1 T
        quiet K W AY1 AH0 T
        rain R EY1 N
        read R IY1 D
        ready R EH1 D IY0
        real R IY1 L
        really R IH1 L IY0
        remember R IH0 M EH1 M B ER0
        right R AY1 T
        river R IH1 V ER0
        road R OW1 D
        said S EH1 D
        say S EY1
        says S EH1 Z
        sea S IY1
        see S IY1
        shall SH AE1 L
        she SH IY1
        shine SH AY1 N
        should SH UH1 D
        shoulder SH OW1 L D ER0
        show SH OW1
        shown SH OW1 N
        sky S K AY1
        sleep S L IY1 P
        slow S L OW1
        so S OW1
        some S AH1 M
        somebody S AH1 M B AA2 D IY0
        someone S AH1 M W AH2 N
        something S AH1 M TH IH0 NG
        sometimes S AH1 M T AY2 M Z
        son S AH1 N
        song S AO1 NG
        soul S OW1 L
        sound S AW1 N D
        stay S T EY1
        still S T IH1 L
        stood S T UH1 D
        stop S T AA1 P
        story S T AO1 R IY0
        sugar SH UH1 G ER0
        summer S AH1 M ER0
        sun S AH1 N
        sure SH UH1 R
        swear S W EH1 R
        sweat S W EH1 T
        take T EY1 K
        talk T AO1 K
        tear T IH1 R
        tell T EH1 L
        than DH AE1 N
        that DH AE1 T
        that's DH AE1 T S
        the DH AH0
        their DH EH1 R
        them DH EH1 M
        then DH EH1 N
        there DH EH1 R
        these DH IY1 Z
        they DH EY1
        they're DH EH1 R
        thing TH IH1 NG
        things TH IH1 NG Z
        think TH IH1 NG K
        this DH IH1 S
        those DH OW1 Z
        though DH OW1
        thought TH AO1 T
        through TH R UW1
        thrown TH R OW1 N
        time T AY1 M
        to T UW1
        today T AH0 D EY1
        together T AH0 G EH1 DH ER0
        tomorrow T AH0 M AA1 R OW2
        tonight T AH0 N AY1 T
        too T UW1
        touch T AH1 CH
        tough T AH1 F
        treasure T R EH1 ZH ER0
        trouble T R AH1 B AH0 L
        true T R UW1
        truth T R UW1 TH
        try T R AY1
        turn T ER1 N
        two T UW1
        under AH1 N D ER0
        understood AH2 N D ER0 S T UH1 D
        universe Y UW1 N AH0 V ER2 S
        until AH0 N T IH1 L
        up AH1 P
        us AH1 S
        very V EH1 R IY0
        voice V OY1 S
        wait W EY1 T
        walk W AO1 K
        wanna W AA1 N AH0
        want W AA1 N T
        was W AA1 Z
        watch W AA1 CH
        water W AO1 T ER0
        way W EY1
        we W IY1
        we're W IH1 R
        wear W EH1 R
        weather W EH1 DH ER0
        were W ER1
        what W AH1 T
        when W EH1 N
        where W EH1 R
        who HH UW1
        whole HH OW1 L
        whose HH UW1 Z
        why W AY1
        will W IH1 L
        wind W IH1 N D
        with W IH1 DH
        without W IH0 DH AW1 T
        woman W UH1 M AH0 N
        women W IH1 M AH0 N
        won't W OW1 N T
        wood W UH1 D
        word W ER1 D
        words W ER1 D Z
        work W ER1 K
        world W ER1 L D
        would W UH1 D
        wrong R AO1 NG
        yeah Y AE1
        year Y IH1 R
        yes Y EH1 S
        yesterday Y EH1 S T ER0 D EY2
        yet Y EH1 T
        you Y UW1
        you'll Y UW1 L
        you're Y UH1 R
        you've Y UW1 V
        young Y AH1 NG
        your Y AO1 R
        yourself Y ER0 S EH1 L F
        """;
}
