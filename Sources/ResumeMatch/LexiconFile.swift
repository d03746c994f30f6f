import Foundation

/// The source form of the vocabulary: the curated `Vocabulary/lexicon.json` plus the large
/// `Vocabulary/vocabulary.tsv` (see `VocabularyFile`). `LexiconCompiler` turns it into the
/// compact image the module ships (`Resources/lexicon.bin`).
struct LexiconFile: Decodable {
    struct RawEntry: Decodable {
        let id: String
        let label: String
        let category: String
        let aliases: [String]?
        let exact: [String]?
        let related: [String]?
        let narrower: [String]?
        let level: Int?
        var source: Lexicon.Source = .curated

        enum CodingKeys: String, CodingKey {
            case id, label, category, aliases, exact, related, narrower, level
        }

        init(id: String, label: String, category: String, aliases: [String], narrower: [String] = [], source: Lexicon.Source) {
            self.id = id
            self.label = label
            self.category = category
            self.aliases = aliases
            self.exact = nil
            self.related = nil
            self.narrower = narrower.isEmpty ? nil : narrower
            self.level = nil
            self.source = source
        }
    }
    var entries: [RawEntry] = []
    var genericWords: [String]? = nil
    var placeWords: [String]? = nil
    var notTools: [String]? = nil
    var cues: [String: [String]]? = nil

    enum CodingKeys: String, CodingKey {
        case entries
        case genericWords = "generic_words"
        case placeWords = "place_words"
        case notTools = "not_tools"
        case cues
    }

    static func decode(_ data: Data) throws(ResumeMatchError) -> LexiconFile {
        do {
            return try JSONDecoder().decode(LexiconFile.self, from: data)
        } catch {
            throw .lexiconUnreadable(String(describing: error))
        }
    }
}

/// Reads `vocabulary.tsv`: `id, label, category, aliases (|), narrower ids (|), source` per line,
/// `#` lines are comments. Unknown categories and malformed lines are skipped.
enum VocabularyFile {
    static func entries(_ text: String) -> [LexiconFile.RawEntry] {
        var result: [LexiconFile.RawEntry] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 6, !columns[0].isEmpty, !columns[1].isEmpty else { continue }
            let aliases = columns[3].split(separator: "|").map(String.init)
            let narrower = columns[4].split(separator: "|").map(String.init)
            let source: Lexicon.Source = columns[5].hasPrefix("ESCO") ? .esco : .skillSpanTrain
            result.append(.init(id: String(columns[0]), label: String(columns[1]), category: String(columns[2]),
                                aliases: aliases, narrower: narrower, source: source))
        }
        return result
    }
}
