import Foundation
@testable import ResumeMatch

/// Shared fixtures live beside the checkout: `<repo>/../shared/fixtures` (CI has them there too).
enum TestSupport {
    static let fixturesURL: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent()  // ResumeMatchTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repo root
        .deletingLastPathComponent()  // parent of the checkout
        .appendingPathComponent("shared/fixtures")

    static func fixture(_ path: String) throws -> String {
        try String(contentsOf: fixturesURL.appendingPathComponent(path), encoding: .utf8)
    }

    /// "Present" for every test: fixed so year counts never drift.
    static let now: Date = {
        var c = DateComponents()
        c.year = 2024; c.month = 6; c.day = 15
        c.timeZone = TimeZone(identifier: "UTC")
        return Calendar(identifier: .gregorian).date(from: c)!
    }()

    static func analyze(_ resume: String, _ jd: String) -> GapReport {
        GapAnalyzer().analyze(resume: resume, jobDescription: jd, now: now)
    }

    static func resumeLines(_ resume: String) -> [String] {
        resume.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

extension GapReport {
    /// The requirement with this id, or the group of alternatives that offers it.
    func requirement(_ id: String) -> RequirementMatch? { requirements.first { $0.covers(id) } }

    /// The verdict on `id` itself: its own status, also when it is one alternative of a group.
    func status(of id: String) -> MatchStatus? {
        guard let r = requirement(id) else { return nil }
        return r.id == id ? r.status : r.alternatives?.first { $0.id == id }?.status
    }
}
