import Foundation

/// The compiled vocabulary (`Resources/lexicon.bin`, written by `LexiconCompiler`), read in
/// place: loading copies one buffer and checks it, and nothing is decoded until a look-up needs
/// it. A worker is a fresh process per run, so what loading costs is paid on every run; parsing
/// the source files and building dictionaries of ~12,000 names took 120–220 ms, this takes well
/// under a millisecond whatever the vocabulary's size.
///
/// Layout (all integers little-endian `UInt32`, every section 4-byte aligned):
/// `"RMLX"`, format version, section count, then (offset, byte length) per `Section`.
/// Strings are (offset, length) references into the `strings` section; a string table is such
/// references plus an open-addressing hash table (FNV-1a, linear probing, power-of-two size)
/// whose slots hold index + 1, so "is this word a key / an entry id / a place word" is one hash
/// and usually one byte comparison.
struct LexiconImage: @unchecked Sendable {  // immutable views into `storage`, which it keeps alive
    static let magic: UInt32 = 0x584C_4D52  // "RMLX" read as little-endian
    static let version: UInt32 = 1

    /// Sections in file order.
    enum Section: Int, CaseIterable {
        case strings
        case keyRefs, keyHash
        /// For key k, its patterns are `keyPatternStart[k]..<keyPatternStart[k+1]`, longest first.
        case keyPatternStart
        /// Per pattern: entry, first index into `patternKeys`, first index into `patternRaw`, word count | flags << 8.
        case patterns, patternKeys, patternRaw
        case entryIDRefs, entryIDHash
        /// Per entry: label reference, then category | (level + 1) << 8 | source << 16 | generic << 24.
        case entryInfo
        case narrowerStart, narrower, relatedStart, related
        /// Related free phrases: their keys joined by one space.
        case phraseStart, phraseRefs
        case genericRefs, genericHash, placeRefs, placeHash, notToolRefs, notToolHash
        /// Priority cue phrases: lower-case words joined by one space.
        case mustCueRefs, niceCueRefs
    }

    /// Entry info bit: the label is only generic words (`LexiconCompiler.isGenericLabel`).
    static let genericEntryFlag = 1 << 24

    /// Pattern flags (bits of the pattern's fourth word, above the word count).
    enum PatternFlag {
        static let needsCapital: UInt32 = 1 << 8
        static let isLabel: UInt32 = 1 << 9
        static let exact: UInt32 = 1 << 10
    }

    /// Owns the bytes; views below point into them and live no longer than the image.
    final class Storage: @unchecked Sendable {
        let base: UnsafeMutableRawPointer
        let count: Int

        init(_ data: Data) {
            count = data.count
            base = UnsafeMutableRawPointer.allocate(byteCount: max(count, 4), alignment: 8)
            data.withUnsafeBytes { if let from = $0.baseAddress { base.copyMemory(from: from, byteCount: count) } }
        }

        deinit { base.deallocate() }
    }

    /// A run of `UInt32`s inside the image.
    struct Words: @unchecked Sendable {
        let base: UnsafeRawPointer
        let count: Int

        @inline(__always) subscript(_ i: Int) -> Int {
            Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self)))
        }
    }

    /// Strings as (offset, length) references, with a hash table over them.
    struct StringTable: @unchecked Sendable {
        let strings: UnsafeRawPointer
        let refs: Words
        let hash: Words

        var count: Int { refs.count / 2 }

        subscript(_ i: Int) -> String {
            String(decoding: UnsafeRawBufferPointer(start: strings + refs[2 * i], count: refs[2 * i + 1]), as: UTF8.self)
        }

        func index(of string: String) -> Int? {
            var string = string
            return string.withUTF8 { index(ofBytes: UnsafeRawBufferPointer($0)) }
        }

        func contains(_ string: String) -> Bool { index(of: string) != nil }

        func index(ofBytes bytes: UnsafeRawBufferPointer) -> Int? {
            guard hash.count > 0 else { return nil }
            let mask = hash.count - 1
            var slot = Int(LexiconImage.fnv1a(bytes)) & mask
            while true {
                let entry = hash[slot]
                if entry == 0 { return nil }
                if equals(entry - 1, bytes) { return entry - 1 }
                slot = (slot + 1) & mask
            }
        }

        @inline(__always) func equals(_ i: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
            let length = refs[2 * i + 1]
            guard length == bytes.count else { return false }
            guard length > 0, let other = bytes.baseAddress else { return true }
            return memcmp(strings + refs[2 * i], other, length) == 0
        }

        /// Every string, in order (for the small tables read whole).
        var all: [String] { (0..<count).map { self[$0] } }
    }

    let storage: Storage
    let keys: StringTable
    let keyPatternStart: Words
    let patterns: Words
    let patternKeys: Words
    let patternRaw: Words
    let entryIDs: StringTable
    let entryInfo: Words
    let narrowerStart: Words, narrower: Words
    let relatedStart: Words, related: Words
    let phraseStart: Words
    let phrases: StringTable
    let generic: StringTable, places: StringTable, notTools: StringTable
    let mustCues: StringTable, niceCues: StringTable
    private let strings: UnsafeRawPointer

    var entryCount: Int { entryIDs.count }
    var patternCount: Int { patterns.count / 4 }

    /// Reads and checks an image; any inconsistency is `lexiconUnreadable`, never a crash later.
    init(_ data: Data) throws(ResumeMatchError) {
        let storage = Storage(data)
        let base = UnsafeRawPointer(storage.base)
        func word(_ offset: Int) -> Int {
            Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
        let sectionCount = Section.allCases.count
        guard storage.count >= 12 + 8 * sectionCount, word(0) == Self.magic else {
            throw .lexiconUnreadable("not a compiled lexicon")
        }
        guard word(4) == Self.version, word(8) == sectionCount else {
            throw .lexiconUnreadable("compiled lexicon version \(word(4)), expected \(Self.version)")
        }
        var extents: [(offset: Int, length: Int)] = []
        for k in 0..<sectionCount {
            let offset = word(12 + 8 * k), length = word(16 + 8 * k)
            guard offset % 4 == 0, length % 4 == 0 || k == Section.strings.rawValue, offset + length <= storage.count else {
                throw .lexiconUnreadable("section \(k) out of bounds")
            }
            extents.append((offset, length))
        }
        func words(_ s: Section) -> Words {
            Words(base: base + extents[s.rawValue].offset, count: extents[s.rawValue].length / 4)
        }
        let strings = base + extents[Section.strings.rawValue].offset
        func table(_ refs: Section, _ hash: Section) -> StringTable {
            StringTable(strings: strings, refs: words(refs), hash: words(hash))
        }
        self.storage = storage
        self.strings = strings
        keys = table(.keyRefs, .keyHash)
        keyPatternStart = words(.keyPatternStart)
        patterns = words(.patterns)
        patternKeys = words(.patternKeys)
        patternRaw = words(.patternRaw)
        entryIDs = table(.entryIDRefs, .entryIDHash)
        entryInfo = words(.entryInfo)
        narrowerStart = words(.narrowerStart)
        narrower = words(.narrower)
        relatedStart = words(.relatedStart)
        related = words(.related)
        phraseStart = words(.phraseStart)
        phrases = StringTable(strings: strings, refs: words(.phraseRefs), hash: Words(base: base, count: 0))
        generic = table(.genericRefs, .genericHash)
        places = table(.placeRefs, .placeHash)
        notTools = table(.notToolRefs, .notToolHash)
        mustCues = StringTable(strings: strings, refs: words(.mustCueRefs), hash: Words(base: base, count: 0))
        niceCues = StringTable(strings: strings, refs: words(.niceCueRefs), hash: Words(base: base, count: 0))
        try validate(stringsLength: extents[Section.strings.rawValue].length)
    }

    /// Every reference and index inside its section, so look-ups need no checks of their own.
    private func validate(stringsLength: Int) throws(ResumeMatchError) {
        func check(_ ok: Bool, _ what: String) throws(ResumeMatchError) {
            if !ok { throw .lexiconUnreadable("compiled lexicon: bad \(what)") }
        }
        for table in [keys, entryIDs, phrases, generic, places, notTools, mustCues, niceCues] {
            try check(table.refs.count % 2 == 0, "string references")
            for i in 0..<table.count { try check(table.refs[2 * i] + table.refs[2 * i + 1] <= stringsLength, "string reference") }
            try check(table.hash.count == 0 || table.hash.count & (table.hash.count - 1) == 0, "hash table size")
            try check(table.hash.count == 0 || table.hash.count > table.count, "hash table load")
            for slot in 0..<table.hash.count { try check(table.hash[slot] <= table.count, "hash slot") }
        }
        let e = entryCount, k = keys.count, p = patternCount
        try check(entryInfo.count == 3 * e, "entry table")
        try check(patterns.count == 4 * p, "pattern table")
        try check(keyPatternStart.count == k + 1, "pattern index")
        for i in 0..<k { try check(keyPatternStart[i] <= keyPatternStart[i + 1], "pattern index order") }
        try check(k == 0 || keyPatternStart[k] == p, "pattern index end")
        for i in 0..<e { try check(entryInfo[3 * i] + entryInfo[3 * i + 1] <= stringsLength, "entry label") }
        for i in 0..<patternKeys.count { try check(patternKeys[i] < k, "pattern key") }
        for i in 0..<p {
            let count = patterns[4 * i + 3] & 0xFF
            try check(patterns[4 * i] < e && count > 0 && patterns[4 * i + 1] + count <= patternKeys.count, "pattern")
            if patterns[4 * i + 3] & Int(PatternFlag.exact) != 0 {
                try check(2 * (patterns[4 * i + 2] + count) <= patternRaw.count, "exact spelling")
            }
        }
        for i in 0..<(patternRaw.count / 2) { try check(patternRaw[2 * i] + patternRaw[2 * i + 1] <= stringsLength, "spelling") }
        for (start, listCount) in [(narrowerStart, narrower.count), (relatedStart, related.count), (phraseStart, phrases.count)] {
            try check(start.count == e + 1, "relation index")
            for i in 0..<e { try check(start[i] <= start[i + 1], "relation order") }
            try check(start[e] == listCount, "relation end")
        }
        for list in [narrower, related] { for i in 0..<list.count { try check(list[i] < e, "relation") } }
    }

    // MARK: Reading

    /// The exact spelling `n` of an exact-case pattern whose spellings start at `rawStart`.
    @inline(__always) func rawEquals(_ rawStart: Int, _ n: Int, _ text: String) -> Bool {
        let offset = patternRaw[2 * (rawStart + n)], length = patternRaw[2 * (rawStart + n) + 1]
        var text = text
        return text.withUTF8 { buf in
            buf.count == length && (length == 0 || memcmp(strings + offset, buf.baseAddress!, length) == 0)
        }
    }

    func label(_ entry: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(start: strings + entryInfo[3 * entry], count: entryInfo[3 * entry + 1]),
               as: UTF8.self)
    }

    @inline(__always) func info(_ entry: Int) -> Int { entryInfo[3 * entry + 2] }

    func list(_ start: Words, _ list: Words, _ entry: Int) -> [Int] {
        (start[entry]..<start[entry + 1]).map { list[$0] }
    }

    // MARK: Hashing

    /// FNV-1a, 32 bits: stable across processes (Swift's `Hasher` is seeded per process).
    @inline(__always) static func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var h: UInt32 = 0x811C_9DC5
        for b in bytes { h = (h ^ UInt32(b)) &* 0x0100_0193 }
        return h
    }
}
