import Foundation
import Testing
@testable import ResumeMatch

/// The vocabulary ships compiled (`Resources/lexicon.bin`) and is read in place: the image must
/// be current with its sources, read back exactly what was compiled, and refuse a damaged file
/// with a typed error rather than crash on a later look-up.
@Suite struct LexiconImageTests {
    static let vocabularyURL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/ResumeMatch/Vocabulary")

    static let json = Data("""
        {"entries": [
          {"id": "sql", "label": "SQL", "category": "tool", "narrower": ["postgresql", "sql-server"]},
          {"id": "sql-server", "label": "SQL Server", "category": "tool", "aliases": ["MSSQL"]},
          {"id": "postgresql", "label": "PostgreSQL", "category": "tool", "aliases": ["postgres"]},
          {"id": "go", "label": "Go", "category": "tool", "aliases": ["golang"], "exact": ["Go"]},
          {"id": "msc", "label": "Master's degree", "category": "education", "aliases": ["MSc"]},
          {"id": "design", "label": "software design", "category": "hard_skill"},
          {"id": "comm", "label": "communication", "category": "soft_skill", "related": ["presenting", "public speaking"]}
        ],
        "generic_words": ["software", "design"], "place_words": ["Reading"], "not_tools": ["GmbH"],
        "cues": {"must": ["required"], "nice": ["is a plus"]}}
        """.utf8)

    @Test func shippedImageIsCompiledFromItsSources() throws {
        let json = try Data(contentsOf: Self.vocabularyURL.appendingPathComponent("lexicon.json"))
        let tsv = try String(contentsOf: Self.vocabularyURL.appendingPathComponent("vocabulary.tsv"), encoding: .utf8)
        let compiled = try LexiconCompiler.compile(json: json, vocabularyTSV: tsv)
        let url = try #require(Bundle.module.url(forResource: "lexicon", withExtension: "bin", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "lexicon", withExtension: "bin"))
        let shipped = try Data(contentsOf: url)
        #expect(compiled == shipped, "Resources/lexicon.bin is stale: run bench/quality.sh --compile-lexicon .")
    }

    @Test func compilingTwiceGivesTheSameBytes() throws {
        #expect(try LexiconCompiler.compile(json: Self.json, vocabularyTSV: nil)
            == LexiconCompiler.compile(json: Self.json, vocabularyTSV: nil))
    }

    @Test func imageReadsBackEntriesRelationsAndWordLists() throws {
        let lexicon = try Lexicon(jsonData: Self.json)
        #expect(lexicon.entryCount == 7)
        let sql = try #require(lexicon.entryIndex("sql"))
        #expect(lexicon.entries[sql].label == "SQL")
        #expect(lexicon.entries[sql].id == "sql")
        #expect(Set(lexicon.narrowerEntries(sql).map { lexicon.entries[$0].id }) == ["postgresql", "sql-server"])
        let comm = try #require(lexicon.entryIndex("comm"))
        #expect(lexicon.relatedPhrases(comm) == [["presenting"], ["public", "speaking"]])
        #expect(lexicon.entry("msc")?.level == 2)
        #expect(lexicon.entry("go")?.level == nil)
        #expect(lexicon.isGenericEntry(try #require(lexicon.entryIndex("design"))))
        #expect(!lexicon.isGenericEntry(sql))
        #expect(lexicon.isPlaceWord("reading") && !lexicon.isPlaceWord("react"))
        #expect(lexicon.isNotTool("GmbH") && !lexicon.isNotTool("gmbh"))
        #expect(lexicon.isGenericWord("software"))
        #expect(lexicon.mustCues == [["required"]] && lexicon.niceCues == [["is", "a", "plus"]])
        #expect(lexicon.entryIndex("nope") == nil)
    }

    @Test func scanFindsLongestTermsAndHonoursExactSpellings() throws {
        let lexicon = try Lexicon(jsonData: Self.json)
        func ids(_ text: String) -> [String] { lexicon.scan(Tokenizer.tokenize(text)).map { lexicon.entries[$0.entry].id } }
        #expect(ids("SQL Server and postgres") == ["sql-server", "postgresql"])
        #expect(ids("SQL, Server") == ["sql"])
        #expect(ids("Go and golang") == ["go", "go"])
        #expect(ids("we go there") == [])
        #expect(ids("an MSc") == ["msc"])
    }

    @Test func excludedEntriesAreNeverFound() throws {
        let lexicon = try Lexicon(jsonData: Self.json).excluding(entryIDs: ["sql-server"])
        let hits = lexicon.scan(Tokenizer.tokenize("SQL Server"))
        // The shorter term still matches where the longer one is left out.
        #expect(hits.map { lexicon.entries[$0.entry].id } == ["sql"])
    }

    @Test(arguments: [0, 3, 11, 40, 200])
    func truncatedImageIsATypedError(keep: Int) throws {
        let image = try LexiconCompiler.compile(json: Self.json, vocabularyTSV: nil)
        #expect(throws: ResumeMatchError.self) { try Lexicon(image: image.prefix(keep)) }
    }

    @Test func damagedReferencesAreATypedError() throws {
        var image = try LexiconCompiler.compile(json: Self.json, vocabularyTSV: nil)
        // Point the first key's string reference far outside the strings section.
        let keyRefsOffset = Int(image[12 + 8] ) | Int(image[12 + 9]) << 8 | Int(image[12 + 10]) << 16
        image.replaceSubrange((keyRefsOffset)..<(keyRefsOffset + 4), with: [0xFF, 0xFF, 0xFF, 0x7F])
        #expect(throws: ResumeMatchError.self) { try Lexicon(image: image) }
        var wrongMagic = try LexiconCompiler.compile(json: Self.json, vocabularyTSV: nil)
        wrongMagic[0] = 0
        #expect(throws: ResumeMatchError.self) { try Lexicon(image: wrongMagic) }
    }
}
