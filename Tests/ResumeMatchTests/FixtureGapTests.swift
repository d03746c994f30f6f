import Foundation
import Testing
@testable import ResumeMatch

/// The expectations in shared/fixtures/README.md, "What a correct gap analysis finds".
@Suite struct FixtureGapTests {
    struct Case: Sendable, CustomStringConvertible {
        let resume: String
        let jd: String
        let supported: [String]
        let notSupported: [String]
        /// Items the README calls related evidence: partial is right, supported is not.
        let mayBePartial: Set<String>
        var description: String { resume }
    }

    static let cases = [
        Case(resume: "resumes/alex-chen.md", jd: "jds/senior-backend-platform.txt",
             supported: ["go", "python", "postgresql", "replication", "docker", "prometheus", "grafana", "grpc",
                         "mentoring", "years:5", "logistics", "payments", "observability"],
             notSupported: ["kubernetes", "aws", "terraform", "kafka", "event_streaming", "opentelemetry"],
             mayBePartial: []),
        Case(resume: "resumes/maria-santos.md", jd: "jds/data-scientist-ml.txt",
             supported: ["python", "pandas", "sql", "ab_testing", "statistics", "tableau", "airflow", "retail", "years:3"],
             notSupported: ["scikit_learn", "machine_learning", "snowflake", "dbt", "looker", "forecasting"],
             mayBePartial: ["forecasting"]),
    ]

    @Test(arguments: cases)
    func supportedItemsAreFoundWithQuotedEvidence(_ c: Case) throws {
        let resume = try TestSupport.fixture(c.resume)
        let report = TestSupport.analyze(resume, try TestSupport.fixture(c.jd))
        let lines = TestSupport.resumeLines(resume)
        for id in c.supported {
            let r = try #require(report.requirement(id), "requirement \(id) not extracted")
            #expect(report.status(of: id) == .supported, "\(id) should be supported")
            let e = try #require(r.evidence.first, "\(id) has no evidence")
            #expect(lines[e.line - 1] == e.text, "evidence for \(id) must quote line \(e.line) exactly")
            #expect(e.kind != .related)
        }
    }

    @Test(arguments: cases)
    func missingItemsAreNeverSupported(_ c: Case) throws {
        let report = TestSupport.analyze(try TestSupport.fixture(c.resume), try TestSupport.fixture(c.jd))
        for id in c.notSupported {
            let r = try #require(report.requirement(id), "requirement \(id) not extracted")
            if c.mayBePartial.contains(id) {
                #expect(report.status(of: id) == .partial, "\(id) is related evidence only")
                #expect(r.evidence.allSatisfy { $0.kind == .related })
            } else {
                #expect(report.status(of: id) == .missing, "\(id) must be missing, got \(String(describing: report.status(of: id)))")
            }
        }
    }

    @Test func forecastingPartialQuotesTheSpreadsheetModel() throws {
        let report = TestSupport.analyze(try TestSupport.fixture("resumes/maria-santos.md"), try TestSupport.fixture("jds/data-scientist-ml.txt"))
        let r = try #require(report.requirement("forecasting"))
        #expect(r.evidence.first?.line == 23)
        #expect(r.priority == .nice)
    }

    @Test func prioritiesFollowTheHeadings() throws {
        let report = TestSupport.analyze(try TestSupport.fixture("resumes/alex-chen.md"), try TestSupport.fixture("jds/senior-backend-platform.txt"))
        #expect(report.requirement("kubernetes")?.priority == .must)
        #expect(report.requirement("years:5")?.yearsRequired == 5)
        #expect(report.requirement("opentelemetry")?.priority == .nice)
        #expect(report.requirement("grpc")?.priority == .nice)
        // "Go or Python" is required on its own elsewhere too: not an alternatives group.
        #expect(report.requirement("logistics")?.anyOfGroup != nil)
        #expect(report.requirement("logistics")?.anyOfGroup == report.requirement("payments")?.anyOfGroup)
    }

    @Test func yearsComeFromDatesWithOverlapCountedOnce() throws {
        let report = TestSupport.analyze(try TestSupport.fixture("resumes/alex-chen.md"), try TestSupport.fixture("jds/senior-backend-platform.txt"))
        // June 2018 – Feb 2021 (33 months) + March 2021 – June 2024 (40 months).
        #expect(report.experience.totalMonths == 73)
        #expect(report.experience.statedYears == 6)
        #expect(report.experience.spans.count == 2)
    }

    @Test func suggestionsSurfaceBuriedMustHavesAndNeverInventMissingOnes() throws {
        let report = TestSupport.analyze(try TestSupport.fixture("resumes/alex-chen.md"), try TestSupport.fixture("jds/senior-backend-platform.txt"))
        let first = try #require(report.suggestions.first)
        #expect(first.kind == .surfaceMustHave)
        #expect(first.requirementIds == ["docker"])
        let kubernetes = try #require(report.suggestions.first { $0.requirementIds == ["kubernetes"] })
        #expect(kubernetes.kind == .missingMustHave)
        #expect(kubernetes.message.contains("only if"))
        #expect(report.suggestions.map(\.priority) == Array(1...report.suggestions.count))
    }

    @Test func scoreFollowsTheStatedFormula() throws {
        let report = TestSupport.analyze(try TestSupport.fixture("resumes/maria-santos.md"), try TestSupport.fixture("jds/data-scientist-ml.txt"))
        let s = report.score
        #expect(s.score == Int((100 * s.earnedWeight / Double(s.totalWeight)).rounded()))
        #expect(s.mustWeight == 2 && s.niceWeight == 1 && s.partialCredit == 0.5)
        #expect(s.mustHave.supported + s.mustHave.partial + s.mustHave.missing
                == report.requirements.filter { $0.priority == .must }.count)
        #expect((0...100).contains(s.score))
    }
}
