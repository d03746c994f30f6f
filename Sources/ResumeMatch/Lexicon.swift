import Foundation

/// The vocabulary behind extraction and matching.
///
/// Its source is data in `Vocabulary/`:
/// - `lexicon.json`: the curated core — canonical terms with synonyms, case-sensitive
///   spellings ("Go", "Excel"), narrower terms (PostgreSQL for SQL) and related ones (partial
///   evidence only), words that are never requirements alone, place words, priority cues.
/// - `vocabulary.tsv`: the large attributed vocabulary (ESCO knowledge concepts and the
///   SkillSpan train split's knowledge terms; see `bench/vocabulary/README.md`).
///
/// The module ships them compiled (`Resources/lexicon.bin`, see `LexiconCompiler`) and reads the
/// image in place (`LexiconImage`): loading is a copy and a check, so a fresh worker process
/// pays well under a millisecond instead of parsing ~12,000 names. Curated entries win where
/// both name the same words. Every name is indexed by its first word's key, longest first, so
/// scanning a line costs one hash look-up per word whatever the vocabulary's size.
public struct Lexicon: Sendable {
    /// Where an entry comes from, for attribution and for how far it may be trusted.
    enum Source: Sendable, CaseIterable { case curated, esco, skillSpanTrain }

    /// One canonical term, e.g. Kubernetes (k8s, kube). Its id and label are read from the
    /// image when asked for; category, level and source are plain values.
    struct Entry: Sendable {
        fileprivate let image: LexiconImage
        let index: Int
        let category: RequirementCategory
        /// Degree level for education entries: 0 associate, 1 bachelor, 2 master, 3 doctorate.
        let level: Int?
        let source: Source

        var id: String { image.entryIDs[index] }
        var label: String { image.label(index) }
    }

    /// The entries by index, decoded on access.
    struct Entries: Sendable {
        fileprivate let image: LexiconImage
        var count: Int { image.entryCount }

        subscript(_ i: Int) -> Entry {
            let info = image.info(i)
            let level = (info >> 8) & 0xFF
            return Entry(image: image, index: i, category: Lexicon.categories[info & 0xFF],
                         level: level == 0 ? nil : level - 1, source: Source.allCases[(info >> 16) & 0xFF])
        }
    }

    let image: LexiconImage
    /// Entries left out of every scan (held-out evaluation, see `excluding(entryIDs:)`).
    let hidden: Set<Int>
    /// Word keys only hidden entries are written with: unknown words, as far as this lexicon goes.
    let hiddenKeys: Set<Int>
    /// Priority cue phrases as lower-case words ("is a plus" → ["is", "a", "plus"]).
    let mustCues: [[String]]
    let niceCues: [[String]]

    var entries: Entries { Entries(image: image) }

    /// Number of canonical terms.
    public var entryCount: Int { image.entryCount }

    /// The vocabulary shipped in the module's resources. Falls back to an empty lexicon (extraction
    /// then relies on patterns alone) rather than crash if the resource is unreadable.
    public static let bundled: Lexicon = (try? Lexicon.loadBundled()) ?? Lexicon.empty

    /// Loads the bundled compiled vocabulary, reporting why it failed.
    public static func loadBundled() throws(ResumeMatchError) -> Lexicon {
        guard let url = Bundle.module.url(forResource: "lexicon", withExtension: "bin", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "lexicon", withExtension: "bin"),
              let data = try? Data(contentsOf: url) else { throw .lexiconMissing }
        return try Lexicon(image: data)
    }

    static let empty = Lexicon(file: LexiconFile())

    /// Reads a compiled image (`LexiconCompiler.compile`).
    public init(image data: Data) throws(ResumeMatchError) {
        self.init(image: try LexiconImage(data), hidden: [])
    }

    /// Compiles and loads a lexicon in the `lexicon.json` format (no large vocabulary).
    public init(jsonData: Data) throws(ResumeMatchError) {
        try self.init(image: LexiconCompiler.compile(json: jsonData, vocabularyTSV: nil))
    }

    init(file: LexiconFile) {
        // The compiler's own output always reads back.
        self.init(image: try! LexiconImage(LexiconCompiler.compile(file)), hidden: [])
    }

    private init(image: LexiconImage, hidden: Set<Int>) {
        self.image = image
        self.hidden = hidden
        hiddenKeys = hidden.isEmpty ? [] : Self.keysOnlyOf(hidden, in: image)
        mustCues = image.mustCues.all.map { $0.split(separator: " ").map(String.init) }
        niceCues = image.niceCues.all.map { $0.split(separator: " ").map(String.init) }
    }

    /// The same vocabulary without some entries, as if they had never been learned: the quality
    /// harness leaves out the terms a held-out posting alone contributed.
    public func excluding(entryIDs: some Sequence<String>) -> Lexicon {
        Lexicon(image: image, hidden: hidden.union(entryIDs.compactMap { image.entryIDs.index(of: $0) }))
    }

    /// Keys that occur in patterns of `entries` and of no other entry.
    private static func keysOnlyOf(_ entries: Set<Int>, in image: LexiconImage) -> Set<Int> {
        var inHidden = Set<Int>(), inVisible = Set<Int>()
        let patterns = image.patterns
        for p in 0..<image.patternCount {
            let first = patterns[4 * p + 1], count = patterns[4 * p + 3] & 0xFF
            let hiddenEntry = entries.contains(patterns[4 * p])
            for k in 0..<count {
                let key = image.patternKeys[first + k]
                if hiddenEntry { inHidden.insert(key) } else { inVisible.insert(key) }
            }
        }
        return inHidden.subtracting(inVisible)
    }

    /// Category order in the image (`LexiconCompiler` packs the index).
    static let categories = RequirementCategory.allCases

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

    func entry(_ id: String) -> Entry? { entryIndex(id).map { entries[$0] } }

    func entryIndex(_ id: String) -> Int? { image.entryIDs.index(of: id) }

    func category(_ entry: Int) -> RequirementCategory { Self.categories[image.info(entry) & 0xFF] }

    /// Entries that are kinds of an entry (PostgreSQL for SQL): they prove it.
    func narrowerEntries(_ entry: Int) -> [Int] { image.list(image.narrowerStart, image.narrower, entry) }

    /// Other entries whose presence is related (partial) evidence for an entry.
    func relatedEntries(_ entry: Int) -> [Int] { image.list(image.relatedStart, image.related, entry) }

    /// Free phrases (word keys) that count as related (partial) evidence for an entry.
    func relatedPhrases(_ entry: Int) -> [[String]] {
        (image.phraseStart[entry]..<image.phraseStart[entry + 1]).map { image.phrases[$0].split(separator: " ").map(String.init) }
    }

    /// A lower-case word or key that is never a requirement by itself.
    func isGenericWord(_ word: String) -> Bool { image.generic.contains(word) }

    /// A lower-case word that is a place, a month or boilerplate, not a tool, when capitalised.
    func isPlaceWord(_ lower: String) -> Bool { image.places.contains(lower) }

    /// An upper-case word that is not a tool: legal forms, titles, document names ("GmbH", "CEO", "CV").
    func isNotTool(_ raw: String) -> Bool { image.notTools.contains(raw) }

    /// A word some vocabulary term is written with ("cache" of "distributed cache"): an
    /// ordinary word of the trade rather than a product's own name.
    func isTermWord(_ key: String) -> Bool {
        guard let id = image.keys.index(of: key) else { return false }
        return hiddenKeys.isEmpty || !hiddenKeys.contains(id)
    }

    func isGeneric(_ token: Token) -> Bool {
        isGenericWord(token.lower) || (token.key != token.lower && isGenericWord(token.key))
    }

    /// True when the entry's label says nothing a reader could check: only generic words
    /// ("design", "ownership", "software development"). Such a term is never a requirement.
    /// Decided when compiling (`LexiconCompiler.isGenericLabel`).
    func isGenericEntry(_ entry: Int) -> Bool { image.info(entry) & LexiconImage.genericEntryFlag != 0 }

    /// Words that name a whole field rather than a skill in it.
    static let vagueWords: Set<String> = ["data", "design", "development", "software", "management", "system", "project",
                                          "team", "implementation", "maintenance", "performance", "operation", "process"]
}
