/// Month names, "still ongoing" words, range and "since" words in the languages the recognizer
/// reads: English, Spanish, French, German, Portuguese, Italian, Dutch, Arabic, Chinese and
/// Japanese. Every list is folded (lowercase, no accents) when it is built, so entries may be
/// written as people write them ("März", "présent", "الآن").
///
/// The one date vocabulary of the project: ResumeMatch reads experience years through
/// ``DateRangeParser``, never a grammar of its own.
enum DateVocabulary {
    /// Prefixes (≥ 3 letters) of Latin-script month names → month number. Matching by prefix
    /// covers abbreviations ("Sept.", "janv.", "Okt") without listing every spelling.
    static func month(_ folded: String) -> Int? {
        let word = folded.hasSuffix(".") ? String(folded.dropLast()) : folded
        if let exact = monthExact[word] { return exact }
        guard word.count >= 3, word.allSatisfy(\.isASCII) else { return nil }
        for (month, names) in monthNames.enumerated() where names.contains(where: { $0.hasPrefix(word) }) {
            // "mar" is both March and "marzo"/"mars"/"março": same month, no ambiguity.
            // "ma" prefixes ("mai"/"may") are exact-listed.
            return month + 1
        }
        return nil
    }

    /// A two-word month ("كانون الثاني", "تشرين الأول"): the month, or nil.
    static func month(_ first: String, _ second: String) -> Int? {
        twoWordMonths[first + " " + second]
    }

    private static let monthNames: [[String]] = [
        ["january", "enero", "janvier", "januar", "janeiro", "gennaio", "januari", "jaenner", "janner"],
        ["february", "febrero", "fevrier", "februar", "fevereiro", "febbraio", "februari"],
        ["march", "marzo", "mars", "marz", "marco", "maart"],
        ["april", "abril", "avril", "aprile"],
        ["may", "mayo", "mai", "maio", "maggio", "mei"],
        ["june", "junio", "juin", "juni", "junho", "giugno"],
        ["july", "julio", "juillet", "juli", "julho", "luglio"],
        ["august", "agosto", "aout", "augustus"],
        ["september", "septiembre", "setiembre", "septembre", "setembro", "settembre"],
        ["october", "octubre", "octobre", "oktober", "outubro", "ottobre"],
        ["november", "noviembre", "novembre", "novembro"],
        ["december", "diciembre", "decembre", "dezember", "dezembro", "dicembre"],
    ]

    /// Short words that are ambiguous as prefixes or too short for prefix matching, and the
    /// Arabic month names (Egyptian/Gulf and Levantine), which are matched whole.
    private static let monthExact: [String: Int] = {
        var table: [String: Int] = [
            "may": 5, "mai": 5, "mei": 5, "mayo": 5, "maio": 5,
            "jun": 6, "jul": 7, "juin": 6, "juil": 7,
            "ene": 1, "abr": 4, "ago": 8, "dic": 12, "dez": 12, "out": 10, "set": 9, "fev": 2,
            "mrz": 3, "mae": 3, "okt": 10, "janv": 1, "fevr": 2, "avr": 4, "sept": 9, "mrt": 3, "gen": 1,
            "giu": 6, "lug": 7, "ott": 10,
        ]
        let arabic: [[String]] = [
            ["يناير"], ["فبراير", "شباط"], ["مارس", "آذار", "اذار"], ["أبريل", "ابريل", "إبريل", "نيسان"],
            ["مايو", "أيار", "ايار"], ["يونيو", "يونيه", "حزيران"], ["يوليو", "يوليه", "تموز"],
            ["أغسطس", "اغسطس", "آب", "اب"], ["سبتمبر", "أيلول", "ايلول"], ["أكتوبر", "اكتوبر"], ["نوفمبر"], ["ديسمبر"],
        ]
        for (index, names) in arabic.enumerated() { for name in names { table[name.folded] = index + 1 } }
        return table
    }()

    private static let twoWordMonths: [String: Int] = {
        var table: [String: Int] = [:]
        for (name, month) in [("كانون الثاني", 1), ("تشرين الأول", 10), ("تشرين الاول", 10), ("تشرين الثاني", 11),
                              ("كانون الأول", 12), ("كانون الاول", 12)] {
            table[name.folded] = month
        }
        return table
    }()

    /// Words (or the first word of phrases after ``fillerWords``) meaning "until now".
    static let presentWords: Set<String> = folded([
        "present", "current", "currently", "now", "today", "ongoing", "date",
        "heute", "jetzt", "aktuell", "dato", "gegenwart", "gegenwärtig", "laufend",
        "actualidad", "presente", "actual", "actualmente", "hoy", "fecha",
        "présent", "aujourd'hui", "aujourd’hui", "aujourdhui", "jour", "maintenant", "auj", "actuel", "cours",
        "atual", "atualmente", "momento", "hoje",
        "oggi", "attuale", "corso",
        "heden", "nu", "huidig", "thans",
        "الآن", "الان", "حاليا", "حاليًا", "الحاضر", "الحالي", "اليوم",
        "現在", "现在", "至今", "今", "目前", "現職", "现职", "在職中", "在职", "今日",
    ])

    /// Words that join two dates into a range ("2019 to 2021", "2019 bis 2021", "2019 إلى 2021").
    static let rangeWords: Set<String> = folded([
        "to", "until", "till", "through", "thru",
        "bis", "a", "al", "hasta", "au", "à", "ate", "até", "tot", "t/m",
        "إلى", "الى", "حتى", "至", "到", "から", "~",
    ])

    /// Words that open an ongoing range ("since 2020", "seit 2020", "desde 2020", "منذ 2020").
    static let sinceWords: Set<String> = folded([
        "since", "seit", "desde", "depuis", "dal", "dall'", "sinds", "from", "ab", "منذ", "从", "自",
    ])

    /// Filler allowed between a month and its year ("enero de 2020", "March, 2020") or inside
    /// a "present" phrase ("à ce jour", "a la fecha", "o momento", "en cours", "حتى الآن").
    static let fillerWords: Set<String> = folded(["de", "of", "del", "la", "ce", "o", "le", "el", "en", "in", "حتى"])

    /// The CJK unit characters of a date: 年 (year) and 月 (month); each is its own token.
    static let yearMark: Character = "年"
    static let monthMark: Character = "月"

    private static func folded(_ words: [String]) -> Set<String> { Set(words.map(\.folded)) }
}
