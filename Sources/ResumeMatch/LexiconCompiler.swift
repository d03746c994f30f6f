import Foundation

/// Compiles the vocabulary's source form (`LexiconFile`: curated JSON plus the large TSV) into
/// the image `LexiconImage` reads in place. Runs where the vocabulary is built (the quality
/// tool's `--compile-lexicon`), in tests that check the shipped image is current, and for
/// lexicons supplied as JSON; never on a worker's start-up path.
///
/// The output depends only on the input: every order is fixed (no dictionary iteration), and
/// words are keyed by the same `Tokenizer` the analysis uses, so an alias matches exactly the
/// text it would have matched before compiling.
public enum LexiconCompiler {
    /// Compiles `lexicon.json` and, optionally, `vocabulary.tsv` text into an image.
    public static func compile(json: Data, vocabularyTSV: String?) throws(ResumeMatchError) -> Data {
        var file = try LexiconFile.decode(json)
        if let vocabularyTSV { file.entries += VocabularyFile.entries(vocabularyTSV) }
        return compile(file)
    }

    static func compile(_ file: LexiconFile) -> Data {
        var w = Writer()
        // Entries: the first of an id wins; unknown categories are skipped.
        var entryByID: [String: Int] = [:]
        var kept: [LexiconFile.RawEntry] = []
        var infos: [(label: String, packed: Int)] = []
        for raw in file.entries {
            guard entryByID[raw.id] == nil, let category = RequirementCategory(rawValue: raw.category) else { continue }
            entryByID[raw.id] = kept.count
            kept.append(raw)
            let level = raw.level ?? (category == .education ? Lexicon.degreeLevel(raw.label) : nil)
            let packed = (RequirementCategory.allCases.firstIndex(of: category) ?? 0)
                | ((level.map { $0 + 1 } ?? 0) << 8) | (Lexicon.Source.allCases.firstIndex(of: raw.source)! << 16)
            infos.append((raw.label, packed))
        }
        let generic = Self.unique((file.genericWords ?? []).map(Tokenizer.normalize).flatMap { [$0, TermKey.of($0)] })
        let genericSet = Set(generic)
        for k in infos.indices where isGenericLabel(infos[k].label, genericWords: genericSet) {
            infos[k].packed |= LexiconImage.genericEntryFlag
        }

        // Patterns, in entry order; curated entries come first and so keep a shared spelling.
        struct Pattern { let entry: Int; let keys: [String]; let raw: [String]?; let needsCapital: Bool; let isLabel: Bool }
        var patterns: [Pattern] = []
        var taken = Set<String>()
        var narrower = Array(repeating: [Int](), count: kept.count)
        var related = Array(repeating: [Int](), count: kept.count)
        var phrases = Array(repeating: [String](), count: kept.count)
        for (e, raw) in kept.enumerated() {
            let exact = raw.exact ?? []
            for alias in [raw.label] + (raw.aliases ?? []) where !exact.contains(alias) {
                let tokens = Tokenizer.tokenize(alias)
                guard !tokens.isEmpty, taken.insert(tokens.map(\.key).joined(separator: " ")).inserted else { continue }
                // A short name written with capitals in the large vocabulary ("REST", "SAFe", "IT")
                // does not match the same letters in lower case ("the rest of", "safe", "it").
                let needsCapital = raw.source != .curated && tokens.count == 1 && alias.count <= 6
                    && alias.dropFirst().contains(where: \.isUppercase)
                patterns.append(Pattern(entry: e, keys: tokens.map(\.key), raw: nil, needsCapital: needsCapital,
                                        isLabel: alias == raw.label))
            }
            var seenExact = Set<String>()
            for alias in exact where seenExact.insert(alias).inserted {
                let tokens = Tokenizer.tokenize(alias)
                guard !tokens.isEmpty else { continue }
                patterns.append(Pattern(entry: e, keys: tokens.map(\.key), raw: tokens.map(\.raw), needsCapital: false,
                                        isLabel: alias == raw.label))
            }
            for rel in raw.related ?? [] {
                if let other = entryByID[rel] {
                    related[e].append(other)
                } else {
                    phrases[e].append(Lexicon.keys(rel).joined(separator: " "))
                }
            }
            for id in raw.narrower ?? [] { if let other = entryByID[id] { narrower[e].append(other) } }
        }

        // Keys: every word of every pattern, in first-seen order; patterns grouped by first key,
        // longest first, ties in pattern order.
        var keyIndex: [String: Int] = [:]
        var keyList: [String] = []
        for p in patterns { for k in p.keys where keyIndex[k] == nil { keyIndex[k] = keyList.count; keyList.append(k) } }
        let ordered = patterns.indices.sorted { a, b in
            let ka = keyIndex[patterns[a].keys[0]]!, kb = keyIndex[patterns[b].keys[0]]!
            if ka != kb { return ka < kb }
            if patterns[a].keys.count != patterns[b].keys.count { return patterns[a].keys.count > patterns[b].keys.count }
            return a < b
        }
        var keyPatternStart = Array(repeating: 0, count: keyList.count + 1)
        for p in patterns { keyPatternStart[keyIndex[p.keys[0]]! + 1] += 1 }
        for k in 0..<keyList.count { keyPatternStart[k + 1] += keyPatternStart[k] }
        var patternWords: [Int] = []
        var patternKeys: [Int] = []
        var patternRaw: [Int] = []
        for i in ordered {
            let p = patterns[i]
            var flags = p.keys.count
            if p.needsCapital { flags |= Int(LexiconImage.PatternFlag.needsCapital) }
            if p.isLabel { flags |= Int(LexiconImage.PatternFlag.isLabel) }
            if p.raw != nil { flags |= Int(LexiconImage.PatternFlag.exact) }
            patternWords += [p.entry, patternKeys.count, patternRaw.count / 2, flags]
            patternKeys += p.keys.map { keyIndex[$0]! }
            for spelling in p.raw ?? [] { patternRaw += w.string(spelling) }
        }

        let places = Self.unique((file.placeWords ?? []).map(Tokenizer.normalize))
        let notTools = Self.unique(file.notTools ?? [])
        let must = (file.cues?["must"] ?? []).map { Lexicon.lowers($0).joined(separator: " ") }.filter { !$0.isEmpty }
        let nice = (file.cues?["nice"] ?? []).map { Lexicon.lowers($0).joined(separator: " ") }.filter { !$0.isEmpty }

        var sections = Array(repeating: [Int](), count: LexiconImage.Section.allCases.count)
        func set(_ s: LexiconImage.Section, _ words: [Int]) { sections[s.rawValue] = words }
        func table(_ refs: LexiconImage.Section, _ hash: LexiconImage.Section, _ strings: [String]) {
            let (r, h) = w.table(strings)
            set(refs, r)
            set(hash, h)
        }
        table(.keyRefs, .keyHash, keyList)
        set(.keyPatternStart, keyPatternStart)
        set(.patterns, patternWords)
        set(.patternKeys, patternKeys)
        set(.patternRaw, patternRaw)
        table(.entryIDRefs, .entryIDHash, kept.map(\.id))
        set(.entryInfo, infos.flatMap { w.string($0.label) + [$0.packed] })
        let (ns, nl) = Self.flatten(narrower)
        set(.narrowerStart, ns)
        set(.narrower, nl)
        let (rs, rl) = Self.flatten(related)
        set(.relatedStart, rs)
        set(.related, rl)
        var phraseStart = [0]
        var phraseRefs: [Int] = []
        for list in phrases {
            for phrase in list { phraseRefs += w.string(phrase) }
            phraseStart.append(phraseRefs.count / 2)
        }
        set(.phraseStart, phraseStart)
        set(.phraseRefs, phraseRefs)
        table(.genericRefs, .genericHash, generic)
        table(.placeRefs, .placeHash, places)
        table(.notToolRefs, .notToolHash, notTools)
        set(.mustCueRefs, must.flatMap { w.string($0) })
        set(.niceCueRefs, nice.flatMap { w.string($0) })
        return w.image(sections)
    }

    /// A label of generic words only ("design", "ownership", "software development") says nothing
    /// a reader could check: such an entry is never a requirement.
    static func isGenericLabel(_ label: String, genericWords: Set<String>) -> Bool {
        Lexicon.lowers(label).allSatisfy {
            genericWords.contains($0) || genericWords.contains(TermKey.of($0)) || Lexicon.vagueWords.contains(TermKey.of($0))
        }
    }

    private static func unique(_ strings: [String]) -> [String] {
        var seen = Set<String>()
        return strings.filter { seen.insert($0).inserted }
    }

    /// Lists as start offsets (count + 1) and the concatenated members.
    private static func flatten(_ lists: [[Int]]) -> ([Int], [Int]) {
        var start = [0]
        var members: [Int] = []
        for list in lists {
            members += list
            start.append(members.count)
        }
        return (start, members)
    }

    /// Collects the string bytes (each distinct string stored once) and lays out the file.
    private struct Writer {
        var strings: [UInt8] = []
        var offsets: [String: Int] = [:]

        /// A reference (offset, length) to `s` in the strings section.
        mutating func string(_ s: String) -> [Int] {
            let bytes = Array(s.utf8)
            if let offset = offsets[s] { return [offset, bytes.count] }
            offsets[s] = strings.count
            strings += bytes
            return [strings.count - bytes.count, bytes.count]
        }

        /// References and an open-addressing hash table (slot = index + 1) over distinct strings.
        mutating func table(_ list: [String]) -> ([Int], [Int]) {
            let refs = list.flatMap { string($0) }
            guard !list.isEmpty else { return (refs, []) }
            var size = 1
            while size < list.count * 2 { size <<= 1 }
            var slots = Array(repeating: 0, count: size)
            for (i, s) in list.enumerated() {
                var slot = Int(Array(s.utf8).withUnsafeBytes { LexiconImage.fnv1a($0) }) & (size - 1)
                while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
                slots[slot] = i + 1
            }
            return (refs, slots)
        }

        func image(_ sections: [[Int]]) -> Data {
            var out: [UInt8] = []
            func put(_ v: Int) {
                let u = UInt32(truncatingIfNeeded: v)
                out += [UInt8(u & 0xFF), UInt8(u >> 8 & 0xFF), UInt8(u >> 16 & 0xFF), UInt8(u >> 24)]
            }
            put(Int(LexiconImage.magic))
            put(Int(LexiconImage.version))
            put(sections.count)
            var offset = 12 + 8 * sections.count
            var extents: [(Int, Int)] = []
            for (k, words) in sections.enumerated() {
                let length = k == LexiconImage.Section.strings.rawValue ? strings.count : words.count * 4
                extents.append((offset, length))
                offset += (length + 3) / 4 * 4
            }
            for (o, l) in extents {
                put(o)
                put(l)
            }
            for (k, words) in sections.enumerated() {
                if k == LexiconImage.Section.strings.rawValue {
                    out += strings
                    while out.count % 4 != 0 { out.append(0) }
                } else {
                    for v in words { put(v) }
                }
            }
            return Data(out)
        }
    }
}
