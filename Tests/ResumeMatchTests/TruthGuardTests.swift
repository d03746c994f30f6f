import Testing
@testable import ResumeMatch

@Suite struct TruthGuardTests {
    private func alex() throws -> String { try TestSupport.fixture("resumes/alex-chen.md") }

    private func replacing(_ old: String, with new: String, in text: String) -> String {
        text.replacingOccurrences(of: old, with: new)
    }

    @Test func addedKubernetesIsFlaggedAsSkill() throws {
        let original = try alex()
        let proposed = replacing("Go, Python, PostgreSQL,", with: "Go, Python, Kubernetes, PostgreSQL,", in: original)
        let flags = TruthGuard.check(original: original, proposed: proposed)
        #expect(flags.contains { $0.kind == .skill && $0.claim == "Kubernetes" && $0.line == 32 })
        #expect(flags.allSatisfy { !$0.reason.isEmpty && !$0.lineText.isEmpty })
    }

    @Test func k8sAliasIsFlaggedToo() throws {
        let original = try alex()
        let proposed = replacing("with zero downtime", with: "on k8s with zero downtime", in: original)
        #expect(TruthGuard.check(original: original, proposed: proposed).contains { $0.kind == .skill && $0.claim == "k8s" })
    }

    @Test func inventedEmployerAndTitleAreFlagged() throws {
        let original = try alex()
        let proposed = replacing("### Software Engineer — Finlo Payments, Portland, OR",
                                 with: "### Staff Engineer — Stripe, Portland, OR", in: original)
        let flags = TruthGuard.check(original: original, proposed: proposed)
        #expect(flags.contains { $0.kind == .employer && $0.claim == "Stripe" })
        #expect(flags.contains { $0.kind == .title && $0.claim == "Staff Engineer" })
    }

    @Test func inventedDegreeIsFlagged() throws {
        let original = try alex()
        let proposed = replacing("**B.S. Computer Science**", with: "**MBA**, **B.S. Computer Science**", in: original)
        #expect(TruthGuard.check(original: original, proposed: proposed).contains { $0.kind == .degree && $0.claim == "MBA" })
    }

    @Test func inventedCertificationIsFlagged() throws {
        let original = try alex()
        let proposed = original + "\n\n## Certifications\n\nPMP, AWS Certified Solutions Architect\n"
        let flags = TruthGuard.check(original: original, proposed: proposed)
        #expect(flags.contains { $0.kind == .certification && $0.claim == "PMP" })
        #expect(flags.contains { $0.kind == .certification && $0.claim.hasPrefix("AWS") })
    }

    @Test func inventedPercentageIsFlaggedEvenWhenTheNumberExistsWithAnotherUnit() throws {
        // The original has "40 ms"; a new "40%" is still a new claim.
        let original = try alex()
        let proposed = replacing("eliminating duplicate transfers", with: "cutting duplicate transfers by 40%", in: original)
        let flags = TruthGuard.check(original: original, proposed: proposed)
        #expect(flags.contains { $0.kind == .number && $0.claim == "40%" })
    }

    @Test func inventedMoneyAndDatesAreFlagged() throws {
        let original = try alex()
        let proposed = replacing("*June 2018 – February 2021*", with: "*January 2017 – February 2021*", in: original)
            .replacingOccurrences(of: "eliminating duplicate transfers", with: "saving $2M a year")
        let flags = TruthGuard.check(original: original, proposed: proposed)
        #expect(flags.contains { $0.kind == .date && $0.claim.contains("2017") })
        #expect(flags.contains { $0.kind == .number && $0.claim.contains("2M") })
    }

    @Test func reorderingBulletsAndSkillsPasses() throws {
        let original = try alex()
        var lines = TestSupport.resumeLines(original)
        lines.swapAt(13, 16)  // bullets of the first role
        lines[31] = "PostgreSQL, Go, Python, Docker, Prometheus, Grafana, gRPC, MySQL, Redis, REST APIs, Linux, Git, GitHub Actions"
        #expect(TruthGuard.check(original: original, proposed: lines.joined(separator: "\n")).isEmpty)
    }

    @Test func synonymsAndTighteningPass() throws {
        let original = try alex()
        let proposed = replacing(
            "- Migrated the order database from MySQL to PostgreSQL with zero downtime using logical replication and dual writes.",
            with: "- Migrated the order database from MySQL to Postgres with zero downtime (logical replication, dual writes).",
            in: original)
            .replacingOccurrences(of: "- Mentored three junior engineers and ran the weekly architecture review.",
                                  with: "- Mentoring: coached 3 junior engineers; ran the weekly architecture review.")
            .replacingOccurrences(of: "that matched 2 million card transactions a day", with: "matching 2M card transactions daily")
        let flags = TruthGuard.check(original: original, proposed: proposed)
        #expect(flags.isEmpty, "unexpected flags: \(flags)")
    }

    @Test func identicalTextPasses() throws {
        let original = try TestSupport.fixture("resumes/maria-santos.md")
        #expect(TruthGuard.check(original: original, proposed: original).isEmpty)
    }
}
