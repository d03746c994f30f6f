import Foundation

/// The maintained vocabulary behind extraction and matching (`Resources/lexicon.json`):
/// canonical terms with aliases and a category, words that are never requirements alone,
/// section headings and priority cue words in several languages.
///
/// Loaded once and shared: decoding and indexing cost far more than an analysis.
public struct Lexicon: Sendable {
    /// One canonical term, e.g. Kubernetes (k8s, kube).
    struct Entry: Sendable {
        let id: String
        let label: String
        let category: RequirementCategory
        /// Degree level for education entries: 0 associate, 1 bachelor, 2 master, 3 doctorate.
        let level: Int?
    }

    /// A token sequence that names an entry. `exactRaw` is set for case-sensitive aliases.
    struct Pattern: Sendable {
        let entry: Int
        let stems: [String]
        let exactRaw: [String]?
    }

    let entries: [Entry]
    /// Patterns keyed by their first stem: scanning a line costs one lookup per token.
    let index: [String: [Pattern]]
    /// Free phrases that count as related (partial) evidence for an entry.
    let relatedPhrases: [[[String]]]
    /// Other entries whose presence is related (partial) evidence for an entry.
    let relatedEntries: [[Int]]
    let entryByID: [String: Int]
    /// Lower-case words and their stems that are never a requirement by themselves.
    let genericWords: Set<String>
    /// Capitalised words that are places, months or boilerplate, not tools.
    let placeWords: Set<String>
    let jdSectionPhrases: [(JDSectionKind, [String])]
    let mustCues: [String]
    let niceCues: [String]
    let resumeSectionPhrases: [(ResumeSectionKind, [String])]

    /// Number of canonical terms.
    public var entryCount: Int { entries.count }

    /// The lexicon shipped in the module's resources. Falls back to an empty lexicon (extraction
    /// then relies on patterns alone) rather than crash if the resource is unreadable.
    public static let bundled: Lexicon = (try? Lexicon.loadBundled()) ?? Lexicon.empty

    /// Loads the bundled resource, reporting why it failed.
    public static func loadBundled() throws(ResumeMatchError) -> Lexicon {
        guard let url = Bundle.module.url(forResource: "lexicon", withExtension: "json", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "lexicon", withExtension: "json") else {
            throw .lexiconMissing
        }
        guard let data = try? Data(contentsOf: url) else { throw .lexiconMissing }
        return try Lexicon(jsonData: data)
    }

    static let empty = Lexicon(file: LexiconFile())

    /// Decodes and indexes a lexicon in the `lexicon.json` format.
    public init(jsonData: Data) throws(ResumeMatchError) {
        let file: LexiconFile
        do {
            file = try JSONDecoder().decode(LexiconFile.self, from: jsonData)
        } catch {
            throw .lexiconUnreadable(String(describing: error))
        }
        self.init(file: file)
    }

    private init(file: LexiconFile) {
        var entries: [Entry] = []
        var entryByID: [String: Int] = [:]
        for raw in file.entries {
            guard entryByID[raw.id] == nil, let category = RequirementCategory(rawValue: raw.category) else { continue }
            entryByID[raw.id] = entries.count
            entries.append(Entry(id: raw.id, label: raw.label, category: category, level: raw.level))
        }
        var index: [String: [Pattern]] = [:]
        var relatedPhrases = Array(repeating: [[String]](), count: entries.count)
        var relatedEntries = Array(repeating: [Int](), count: entries.count)
        for raw in file.entries {
            guard let e = entryByID[raw.id] else { continue }
            for alias in [raw.label] + (raw.aliases ?? []) where raw.exact?.contains(alias) != true {
                Self.add(Pattern(entry: e, stems: Self.stems(alias), exactRaw: nil), to: &index)
            }
            for alias in raw.exact ?? [] {
                let tokens = Tokenizer.tokenize(alias)
                Self.add(Pattern(entry: e, stems: tokens.map(\.stem), exactRaw: tokens.map(\.raw)), to: &index)
            }
            for rel in raw.related ?? [] {
                if let other = entryByID[rel] { relatedEntries[e].append(other) } else { relatedPhrases[e].append(Self.stems(rel)) }
            }
        }
        // An alias that is also a label of a case-sensitive entry ("Go") must stay exact.
        self.entries = entries
        self.entryByID = entryByID
        self.index = index.mapValues { $0.sorted { $0.stems.count > $1.stems.count } }
        self.relatedPhrases = relatedPhrases
        self.relatedEntries = relatedEntries
        let generic = file.genericWords ?? []
        self.genericWords = Set(generic.map(Tokenizer.normalize).flatMap { [$0, Stemmer.stem($0)] })
        self.placeWords = Set((file.placeWords ?? []).map(Tokenizer.normalize))
        self.jdSectionPhrases = JDSectionKind.matchOrder.flatMap { kind in
            (file.jdSections?[kind.rawValue] ?? []).map { (kind, Self.lowers($0)) }
        }
        self.mustCues = (file.cues?["must"] ?? []).map { Self.lowers($0).joined(separator: " ") }
        self.niceCues = (file.cues?["nice"] ?? []).map { Self.lowers($0).joined(separator: " ") }
        self.resumeSectionPhrases = ResumeSectionKind.allCases.flatMap { kind in
            (file.resumeSections?[kind.rawValue] ?? []).map { (kind, Self.lowers($0)) }
        }
    }

    private static func add(_ pattern: Pattern, to index: inout [String: [Pattern]]) {
        guard let first = pattern.stems.first else { return }
        index[first, default: []].append(pattern)
    }

    static func stems(_ phrase: String) -> [String] { Tokenizer.tokenize(phrase).map(\.stem) }
    static func lowers(_ phrase: String) -> [String] { Tokenizer.tokenize(phrase).map(\.lower) }

    func entry(_ id: String) -> Entry? { entryByID[id].map { entries[$0] } }

    func isGeneric(_ token: Token) -> Bool {
        genericWords.contains(token.lower) || genericWords.contains(token.stem)
    }
}

/// The on-disk shape of `lexicon.json`.
private struct LexiconFile: Decodable {
    struct RawEntry: Decodable {
        let id: String
        let label: String
        let category: String
        let aliases: [String]?
        let exact: [String]?
        let related: [String]?
        let level: Int?
    }
    var entries: [RawEntry] = []
    var genericWords: [String]? = nil
    var placeWords: [String]? = nil
    var jdSections: [String: [String]]? = nil
    var cues: [String: [String]]? = nil
    var resumeSections: [String: [String]]? = nil

    enum CodingKeys: String, CodingKey {
        case entries
        case genericWords = "generic_words"
        case placeWords = "place_words"
        case jdSections = "jd_sections"
        case cues
        case resumeSections = "resume_sections"
    }
}
