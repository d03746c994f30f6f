import Foundation
import Testing
@testable import ResumeMatch

@Suite struct GapReportCodingTests {
    private func report() throws -> GapReport {
        TestSupport.analyze(try TestSupport.fixture("resumes/alex-chen.md"), try TestSupport.fixture("jds/senior-backend-platform.txt"))
    }

    @Test func jsonUsesSnakeCaseKeysAndRoundTrips() throws {
        let r = try report()
        let data = try r.jsonData()
        let text = try #require(String(data: data, encoding: .utf8))
        for key in ["\"schema_version\"", "\"as_of\"", "\"jd_line\"", "\"any_of_group\"", "\"earned_weight\"",
                    "\"total_months\"", "\"requirement_ids\"", "\"must_have\""] {
            #expect(text.contains(key), "missing \(key)")
        }
        #expect(!text.contains("schemaVersion"))
        #expect(try GapReport.decode(from: data) == r)
    }

    @Test func jsonIsStableForTheSameInput() throws {
        #expect(try report().jsonData() == report().jsonData())
    }

    @Test func markdownShowsScoreFormulaAndEvidence() throws {
        let md = try report().markdown
        #expect(md.contains("**Match score: "))
        #expect(md.contains("How it is computed: score = round(100"))
        #expect(md.contains("## Must-have requirements"))
        #expect(md.contains("❌ **Kubernetes**"))
        #expect(md.contains("line 15 (Experience): \"Migrated the order database"))
        #expect(md.contains("## Suggestions"))
    }

    @Test func emptyInputsGiveAnEmptyReportWithoutCrashing() {
        let r = TestSupport.analyze("", "")
        #expect(r.requirements.isEmpty)
        #expect(r.score.score == 0)
        let garbage = String(repeating: "\u{0}\u{FFFD}##- *|", count: 200)
        _ = TestSupport.analyze(garbage, garbage).markdown
    }

    @Test func bundledLexiconLoads() throws {
        let lexicon = try Lexicon.loadBundled()
        #expect(lexicon.entryCount >= 300)
        #expect(lexicon.entry("kubernetes")?.category == .tool)
    }

    @Test func unreadableLexiconIsATypedError() {
        #expect(throws: ResumeMatchError.self) { try Lexicon(jsonData: Data("{".utf8)) }
    }
}
