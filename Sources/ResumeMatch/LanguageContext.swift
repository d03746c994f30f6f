/// Whether a language name in a posting asks for the language. "Fluent in Danish", "English
/// proficiency is a must", "you speak German" do; "free Danish lessons", "the Danish
/// Confederation of Professional Associations", "deep insight in all Danish markets" use the
/// word as an adjective of something else and ask for nothing.
enum LanguageContext {
    static func isLanguage(_ label: String) -> Bool { names.contains(label.lowercased()) }

    /// True when a word about knowing a language stands within a few words of the name, or the
    /// name is most of a short list item ("- Inglés avanzado", "German (C1)").
    static func isAskedFor(_ range: Range<Int>, in tokens: [Token]) -> Bool {
        if tokens.count <= shortItem { return true }
        // "German, Italian and French are an advantage": names listed together share one cue.
        var lower = range.lowerBound, upper = range.upperBound
        while lower > 0, isLanguage(tokens[lower - 1].lower) || (lower > 1 && listWords.contains(tokens[lower - 1].lower)
                                                                   && isLanguage(tokens[lower - 2].lower)) {
            lower -= 1
        }
        while upper < tokens.count, isLanguage(tokens[upper].lower) || (upper + 1 < tokens.count
                                                                        && listWords.contains(tokens[upper].lower)
                                                                        && isLanguage(tokens[upper + 1].lower)) {
            upper += 1
        }
        let from = max(0, lower - 4), to = min(tokens.count, upper + 4)
        return tokens[from..<to].contains { cues.contains($0.lower) }
    }

    private static let listWords: Set<String> = ["and", "or", "und", "oder", "et", "ou", "y", "o", "e", "en", "of"]

    static let names: Set<String> = [
        "english", "german", "french", "spanish", "danish", "swedish", "norwegian", "dutch", "italian", "portuguese",
        "chinese", "mandarin", "cantonese", "japanese", "korean", "arabic", "polish", "finnish", "russian", "hindi",
        "turkish", "greek", "czech", "hungarian", "romanian", "hebrew", "icelandic", "ukrainian",
    ]

    /// A list item this short is a language it asks for.
    static let shortItem = 3

    private static let cues: Set<String> = [
        "fluent", "fluency", "fluently", "speak", "speaks", "speaking", "spoken", "written", "write", "writes",
        "writing", "native", "proficiency", "proficient", "command", "mother", "tongue", "language", "languages",
        "skills", "skill", "level", "oral", "orally", "verbal", "verbally", "bilingual", "knowledge", "read", "reading",
        "excellent", "good", "strong", "business", "working", "conversational", "master", "masters", "c1", "c2", "b2", "advantage", "plus", "asset", "must", "required",
        // German, French, Spanish, Portuguese, Italian, Dutch
        "fließend", "fliessend", "sprachkenntnisse", "kenntnisse", "verhandlungssicher", "muttersprache", "sprache",
        "courant", "courante", "maîtrise", "langue", "langues", "parlé", "écrit", "bilingue", "niveau",
        "fluido", "fluida", "avanzado", "avanzada", "nivel", "idioma", "idiomas", "dominio", "nativo", "nativa",
        "fluente", "avançado", "avançada", "língua", "conhecimento", "madrelingua", "lingua", "ottima", "ottimo",
        "conoscenza", "vloeiend", "beheersing", "taal", "talen", "kennis",
    ]
}
