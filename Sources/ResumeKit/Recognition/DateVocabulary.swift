/// Month names and "still ongoing" words in the languages the recognizer reads
/// (English, Spanish, French, German, Portuguese, Italian, Dutch), folded to lowercase
/// without accents.
enum DateVocabulary {
    /// Prefixes (≥ 3 letters) of month names → month number. Matching by prefix covers
    /// abbreviations ("Sept.", "janv.", "Okt") without listing every spelling.
    static func month(_ folded: String) -> Int? {
        let word = folded.hasSuffix(".") ? String(folded.dropLast()) : folded
        guard word.count >= 3 else { return nil }
        if let exact = monthExact[word] { return exact }
        for (month, names) in monthNames.enumerated() {
            for name in names where name.hasPrefix(word) && word.count >= 3 {
                // "mar" is both March and "marzo"/"mars"/"março": same month, no ambiguity.
                // "ma" prefixes ("mai"/"may") are exact-listed above.
                return month + 1
            }
        }
        return nil
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

    /// Short words that are ambiguous as prefixes or too short for prefix matching.
    private static let monthExact: [String: Int] = [
        "may": 5, "mai": 5, "mei": 5, "mayo": 5, "maio": 5,
        "jun": 6, "jul": 7, "juin": 6, "juil": 7,
        "ene": 1, "abr": 4, "ago": 8, "dic": 12, "dez": 12, "out": 10, "set": 9, "fev": 2,
        "mrz": 3, "mae": 3, "okt": 10, "janv": 1, "fevr": 2, "avr": 4, "sept": 9,
    ]

    /// Words (or first words of phrases) meaning "until now".
    static let presentWords: Set<String> = [
        "present", "current", "currently", "now", "today", "ongoing", "date",
        "heute", "jetzt", "aktuell", "dato", "gegenwart", "laufend",
        "actualidad", "presente", "actual", "actualmente", "hoy", "fecha",
        "present", "aujourd'hui", "aujourdhui", "jour", "maintenant", "auj",
        "atual", "atualmente", "momento", "hoje",
        "oggi", "heden", "nu",
    ]

    /// Words that join two dates into a range ("2019 to 2021", "2019 bis 2021").
    static let rangeWords: Set<String> = [
        "to", "until", "till", "through", "thru",
        "bis", "a", "al", "hasta", "au", "à", "a", "ate", "até", "al", "tot",
    ]

    /// Words that open an ongoing range ("since 2020", "seit 2020", "desde 2020").
    static let sinceWords: Set<String> = ["since", "seit", "desde", "depuis", "dal", "sinds", "from", "ab"]

    /// Filler allowed between a month and its year ("enero de 2020", "March, 2020") or inside
    /// a "present" phrase ("à ce jour", "a la fecha", "o momento").
    static let fillerWords: Set<String> = ["de", "of", "del", "la", "ce", "o", "le", "el"]
}
