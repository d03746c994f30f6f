import Foundation

/// The vocabulary behind extraction and matching, compiled once into a look-up structure:
///
/// - `Resources/lexicon.json`: the curated core — canonical terms with synonyms, case-sensitive
///   spellings ("Go", "Excel"), narrower terms (PostgreSQL for SQL) and related ones (partial
///   evidence only), words that are never requirements alone, place words, priority cues.
/// - `Resources/vocabulary.tsv`: the large attributed vocabulary (ESCO knowledge concepts and
///   the SkillSpan train split's knowledge terms; see `bench/vocabulary/README.md`).
///
/// Curated entries win where both name the same words. Every name is indexed by its first
/// word's key, longest first, so scanning a line costs one dictionary look-up per word whatever
/// the vocabulary's size.
public struct Lexicon: Sendable {
    /// Where an entry comes from, for attribution and for how far it may be trusted.
    enum Source: Sendable { case curated, esco, skillSpanTrain }

    /// One canonical term, e.g. Kubernetes (k8s, kube).
    struct Entry: Sendable {
        let id: String
        let label: String
        let category: RequirementCategory
        /// Degree level for education entries: 0 associate, 1 bachelor, 2 master, 3 doctorate.
        let level: Int?
        let source: Source
    }

    /// A word sequence that names an entry. `exactRaw` is set for case-sensitive aliases.
    struct Pattern: Sendable {
        let entry: Int
        let keys: [String]
        let exactRaw: [String]?
        /// A short name written with capitals in the vocabulary ("REST", "SAFe", "IT") does not
        /// match the same letters in lower case ("the rest of", "safe", "it").
        var needsCapital = false
        /// The alias is the entry's label (evidence kind "exact"), not a synonym.
        let isLabel: Bool
    }

    let entries: [Entry]
    /// Patterns keyed by their first word's key, longest first.
    let index: [String: [Pattern]]
    /// Free phrases that count as related (partial) evidence for an entry.
    let relatedPhrases: [[[String]]]
    /// Other entries whose presence is related (partial) evidence for an entry.
    let relatedEntries: [[Int]]
    /// Entries that are kinds of an entry (PostgreSQL for SQL): they prove it.
    let narrowerEntries: [[Int]]
    let entryByID: [String: Int]
    /// Lower-case words and their keys that are never a requirement by themselves.
    let genericWords: Set<String>
    /// Capitalised words that are places, months or boilerplate, not tools.
    let placeWords: Set<String>
    /// Upper-case words that are not tools: legal forms, titles, document names ("GmbH", "CEO", "CV").
    let notTools: Set<String>
    /// Priority cue phrases as lower-case words ("is a plus" → ["is", "a", "plus"]).
    let mustCues: [[String]]
    let niceCues: [[String]]

    /// Number of canonical terms.
    public var entryCount: Int { entries.count }

    /// The vocabulary shipped in the module's resources. Falls back to an empty lexicon (extraction
    /// then relies on patterns alone) rather than crash if the resource is unreadable.
    public static let bundled: Lexicon = (try? Lexicon.loadBundled()) ?? Lexicon.empty

    /// Loads the bundled resources, reporting why it failed.
    public static func loadBundled() throws(ResumeMatchError) -> Lexicon {
        guard let url = resource("lexicon", "json"), let data = try? Data(contentsOf: url) else { throw .lexiconMissing }
        var lexicon = try LexiconFile.decode(data)
        if let tsv = resource("vocabulary", "tsv"), let text = try? String(contentsOf: tsv, encoding: .utf8) {
            lexicon.entries += VocabularyFile.entries(text)
        }
        return Lexicon(file: lexicon)
    }

    private static func resource(_ name: String, _ ext: String) -> URL? {
        Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources")
            ?? Bundle.module.url(forResource: name, withExtension: ext)
    }

    static let empty = Lexicon(file: LexiconFile())

    /// Decodes and indexes a lexicon in the `lexicon.json` format (no large vocabulary).
    public init(jsonData: Data) throws(ResumeMatchError) {
        self.init(file: try LexiconFile.decode(jsonData))
    }

    init(file: LexiconFile) {
        var entries: [Entry] = []
        var entryByID: [String: Int] = [:]
        for raw in file.entries {
            guard entryByID[raw.id] == nil, let category = RequirementCategory(rawValue: raw.category) else { continue }
            entryByID[raw.id] = entries.count
            let level = raw.level ?? (category == .education ? Self.degreeLevel(raw.label) : nil)
            entries.append(Entry(id: raw.id, label: raw.label, category: category, level: level, source: raw.source))
        }
        var index: [String: [Pattern]] = [:]
        var taken = Set<String>()
        var relatedPhrases = Array(repeating: [[String]](), count: entries.count)
        var relatedEntries = Array(repeating: [Int](), count: entries.count)
        var narrowerEntries = Array(repeating: [Int](), count: entries.count)
        for raw in file.entries {
            guard let e = entryByID[raw.id], entries[e].id == raw.id else { continue }
            let exact = Set(raw.exact ?? [])
            for alias in [raw.label] + (raw.aliases ?? []) where !exact.contains(alias) {
                let tokens = Tokenizer.tokenize(alias)
                // The first entry to claim a spelling keeps it: curated entries come first.
                guard !tokens.isEmpty, taken.insert(tokens.map(\.key).joined(separator: " ")).inserted else { continue }
                var pattern = Pattern(entry: e, keys: tokens.map(\.key), exactRaw: nil, isLabel: alias == raw.label)
                pattern.needsCapital = raw.source != .curated && tokens.count == 1 && alias.count <= 6
                    && alias.dropFirst().contains(where: \.isUppercase)
                Self.add(pattern, to: &index)
            }
            for alias in exact {
                let tokens = Tokenizer.tokenize(alias)
                guard !tokens.isEmpty else { continue }
                Self.add(Pattern(entry: e, keys: tokens.map(\.key), exactRaw: tokens.map(\.raw), isLabel: alias == raw.label),
                         to: &index)
            }
            for rel in raw.related ?? [] {
                if let other = entryByID[rel] { relatedEntries[e].append(other) } else { relatedPhrases[e].append(Self.keys(rel)) }
            }
            for narrower in raw.narrower ?? [] {
                if let other = entryByID[narrower] { narrowerEntries[e].append(other) }
            }
        }
        self.entries = entries
        self.entryByID = entryByID
        self.index = index.mapValues { $0.sorted { $0.keys.count > $1.keys.count } }
        self.relatedPhrases = relatedPhrases
        self.relatedEntries = relatedEntries
        self.narrowerEntries = narrowerEntries
        let generic = file.genericWords ?? []
        self.genericWords = Set(generic.map(Tokenizer.normalize).flatMap { [$0, TermKey.of($0)] })
        self.placeWords = Set((file.placeWords ?? []).map(Tokenizer.normalize))
        self.notTools = Set(file.notTools ?? [])
        self.mustCues = (file.cues?["must"] ?? []).map { Self.lowers($0) }.filter { !$0.isEmpty }
        self.niceCues = (file.cues?["nice"] ?? []).map { Self.lowers($0) }.filter { !$0.isEmpty }
    }

    private static func add(_ pattern: Pattern, to index: inout [String: [Pattern]]) {
        guard let first = pattern.keys.first else { return }
        index[first, default: []].append(pattern)
    }

    static func keys(_ phrase: String) -> [String] { Tokenizer.tokenize(phrase).map(\.key) }
    static func lowers(_ phrase: String) -> [String] { Tokenizer.tokenize(phrase).map(\.lower) }

    /// 3 for a doctorate, 2 master, 1 bachelor or any degree, 0 associate.
    static func degreeLevel(_ label: String) -> Int {
        let words = Set(lowers(label))
        if !words.isDisjoint(with: ["phd", "doctorate", "doctoral", "ph"]) { return 3 }
        if !words.isDisjoint(with: ["master", "masters", "msc", "ms", "mba", "ma", "meng"]) { return 2 }
        if words.contains("associate") { return 0 }
        return 1
    }

    func entry(_ id: String) -> Entry? { entryByID[id].map { entries[$0] } }

    func isGeneric(_ token: Token) -> Bool {
        genericWords.contains(token.lower) || genericWords.contains(token.key)
    }

    /// True when the entry's label says nothing a reader could check: only generic words
    /// ("design", "ownership", "software development"). Such a term is never a requirement.
    func isGenericEntry(_ entry: Int) -> Bool {
        let words = Self.lowers(entries[entry].label)
        let allGeneric = words.allSatisfy {
            genericWords.contains($0) || genericWords.contains(TermKey.of($0)) || Self.vagueWords.contains(TermKey.of($0))
        }
        return allGeneric
    }

    /// Words that name a whole field rather than a skill in it.
    static let vagueWords: Set<String> = ["data", "design", "development", "software", "management", "system", "project",
                                          "team", "implementation", "maintenance", "performance", "operation", "process"]
}

/// The on-disk shape of `lexicon.json` (and, after `VocabularyFile`, the merged vocabulary).
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

        init(id: String, label: String, category: String, aliases: [String], source: Lexicon.Source) {
            self.id = id
            self.label = label
            self.category = category
            self.aliases = aliases
            self.exact = nil
            self.related = nil
            self.narrower = nil
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

/// Reads `vocabulary.tsv`: `id, label, category, aliases (|), narrower (|), source` per line,
/// `#` lines are comments. Unknown categories and malformed lines are skipped.
enum VocabularyFile {
    static func entries(_ text: String) -> [LexiconFile.RawEntry] {
        var result: [LexiconFile.RawEntry] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 6, !columns[0].isEmpty, !columns[1].isEmpty else { continue }
            let aliases = columns[3].split(separator: "|").map(String.init)
            let source: Lexicon.Source = columns[5].hasPrefix("ESCO") ? .esco : .skillSpanTrain
            result.append(.init(id: String(columns[0]), label: String(columns[1]), category: String(columns[2]),
                                aliases: aliases, source: source))
        }
        return result
    }
}
