import Testing
@testable import ResumeMatch

@Suite struct RewritePlannerTests {
    static let pairs = [
        ("resumes/alex-chen.md", "jds/senior-backend-platform.txt"),
        ("resumes/maria-santos.md", "jds/data-scientist-ml.txt"),
    ]

    private func plan(_ pair: (String, String)) throws -> (String, [EditProposal]) {
        let resume = try TestSupport.fixture(pair.0)
        let jd = try TestSupport.fixture(pair.1)
        let report = TestSupport.analyze(resume, jd)
        return (resume, RewritePlanner.propose(resume: resume, jd: jd, report: report))
    }

    @Test(arguments: pairs)
    func proposalsAreTruthfulApplyCleanlyAndDoNotLowerTheScore(_ pair: (String, String)) throws {
        let (resume, proposals) = try plan(pair)
        #expect(!proposals.isEmpty)
        #expect(proposals.count <= 5)
        for p in proposals {
            #expect(p.truthFlags.isEmpty, "\(p.id): \(p.truthFlags)")
            #expect(TruthGuard.check(original: resume, proposed: p.newResume).isEmpty)
            #expect(try UnifiedDiff.apply(p.diff, to: resume) == p.newResume, "\(p.id) diff does not apply")
            #expect(p.diff.hasPrefix("--- a/resume.md\n+++ b/resume.md\n@@ "))
            #expect(p.scoreAfter >= p.scoreBefore)
            #expect(resume.contains(p.oldText))
            #expect(p.newResume.contains(p.newText))
        }
    }

    @Test(arguments: pairs)
    func approvedProposalsComposeInSequence(_ pair: (String, String)) throws {
        let (resume, proposals) = try plan(pair)
        var text = resume
        for p in proposals { text = try UnifiedDiff.apply(p.diff, to: text) }
        #expect(TruthGuard.check(original: resume, proposed: text).isEmpty)
    }

    @Test func alexGetsSkillsReorderAndSummarySentence() throws {
        let (_, proposals) = try plan(Self.pairs[0])
        // Alex's bullets already lead with the job's requirements: no bullet move is proposed.
        #expect(Set(proposals.map(\.kind)) == [.reorderSkills, .summarySentence])
        let skills = try #require(proposals.first { $0.kind == .reorderSkills })
        #expect(skills.newText.hasPrefix("Go, Python, PostgreSQL, Docker"))
        let summary = try #require(proposals.first { $0.kind == .summarySentence })
        #expect(summary.newText.contains("Relevant strengths: PostgreSQL, logical replication, Docker"))
        #expect(!summary.newText.contains("Kubernetes"))
    }

    @Test func mariaGetsTheMostRelevantBulletFirst() throws {
        let (_, proposals) = try plan(Self.pairs[1])
        let bullets = try #require(proposals.first { $0.kind == .reorderBullets })
        #expect(bullets.newText.hasPrefix("- Automated the monthly supplier scorecard with Python (pandas)"))
        #expect(bullets.startLine == 14)
    }

    @Test func plannerIsDeterministic() throws {
        #expect(try plan(Self.pairs[1]).1 == plan(Self.pairs[1]).1)
    }
}
