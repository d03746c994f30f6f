/// The language a resume is written in, guessed from common function words, so a sentence the
/// planner adds reads in the same language as the rest.
enum ResumeLanguage: String, Sendable {
    case english, spanish, german, french, portuguese

    static func detect(_ tokens: [[Token]]) -> ResumeLanguage {
        var counts: [ResumeLanguage: Int] = [:]
        for line in tokens {
            for t in line {
                for (language, words) in markers where words.contains(t.lower) { counts[language, default: 0] += 1 }
            }
        }
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key.rawValue > $1.key.rawValue }?.key ?? .english
    }

    private static let markers: [(ResumeLanguage, Set<String>)] = [
        (.english, ["the", "and", "with", "of", "for", "in", "to"]),
        (.spanish, ["el", "los", "las", "y", "con", "del", "para", "en", "de"]),
        (.german, ["der", "die", "das", "und", "mit", "für", "von"]),
        (.french, ["le", "les", "et", "avec", "pour", "des", "du"]),
        (.portuguese, ["o", "os", "e", "com", "para", "do", "da", "em"]),
    ]

    /// "Relevant strengths: A, B and C." in this language.
    func strengthsSentence(_ items: [String]) -> String {
        let (lead, and) = switch self {
        case .english: ("Relevant strengths:", "and")
        case .spanish: ("Puntos fuertes:", "y")
        case .german: ("Schwerpunkte:", "und")
        case .french: ("Points forts :", "et")
        case .portuguese: ("Pontos fortes:", "e")
        }
        let list = items.count <= 1 ? items.joined()
            : items.dropLast().joined(separator: ", ") + " \(and) " + items[items.count - 1]
        return "\(lead) \(list)."
    }
}
