import Testing
@testable import ResumeMatch

/// Fields other than software, and a Spanish pair: extraction must be general, not tuned to fixtures.
@Suite struct NonTechGapTests {
    /// Every requirement's own status, alternatives of a group included.
    private func statuses(_ report: GapReport) -> [String: MatchStatus] {
        let pairs = report.requirements.flatMap { r in [(r.id, r.status)] + (r.alternatives ?? []).map { ($0.id, $0.status) } }
        return Dictionary(pairs, uniquingKeysWith: { a, _ in a })
    }

    @Test func icuNurse() {
        let report = TestSupport.analyze(Samples.nurseResume, Samples.icuJD)
        let s = statuses(report)
        for id in ["rn", "bls", "acls", "epic", "icu", "years:2", "ventilator", "vasoactive"] {
            #expect(s[id] == .supported, "\(id)")
        }
        #expect(s["degree:1"] == .supported)  // BSN
        #expect(s["ccrn"] == .missing)
        #expect(s["term:crrt"] == .missing || s["crrt"] == .missing)
        #expect(report.requirement("ccrn")?.priority == .nice)
        #expect(report.requirement("bls")?.priority == .must)
        #expect(report.score.score >= 70)
    }

    @Test func mathTeacher() {
        let report = TestSupport.analyze(Samples.teacherResume, Samples.teachingJD)
        let s = statuses(report)
        #expect(s["teaching_license"] == .supported)
        #expect(s["years:3"] == .supported)
        #expect(s["degree:1:mathematics"] == .supported)
        #expect(s["differentiated_instruction"] == .supported)
        // Not in the resume: must not be invented.
        #expect(s["classroom_management"] == .missing)
        #expect(s["spanish"] == .missing)
        #expect(report.requirement("spanish")?.priority == .nice)
    }

    @Test func accountantAgainstFinanceManager() {
        let report = TestSupport.analyze(Samples.accountantResume, Samples.financeJD)
        let s = statuses(report)
        for id in ["cpa", "gaap", "month_end_close", "excel", "financial_reporting", "years:5", "netsuite"] {
            #expect(s[id] == .supported, "\(id)")
        }
        #expect(s["ifrs"] == .missing)
        // "US GAAP; IFRS is a plus": the cue applies to its own clause only.
        #expect(report.requirement("gaap")?.priority == .must)
        #expect(report.requirement("ifrs")?.priority == .nice)
        // "SAP or NetSuite" are alternatives; NetSuite satisfies the group.
        let sap = report.requirement("sap")
        #expect(sap?.anyOfGroup != nil && sap?.anyOfGroup == report.requirement("netsuite")?.anyOfGroup)
        #expect(!report.suggestions.contains { $0.kind == .missingNiceToHave && $0.requirementIds.contains("sap") })
    }

    @Test func spanishAccountant() {
        let report = TestSupport.analyze(Samples.spanishResume, Samples.spanishJD)
        let s = statuses(report)
        for id in ["accounting", "sap", "excel", "ifrs", "month_end_close", "reconciliation", "years:5"] {
            #expect(s[id] == .supported, "\(id)")
        }
        #expect(s["audit"] == .missing)
        #expect(s["english"] == .missing)
        #expect(report.requirement("audit")?.priority == .nice)  // "Se valorará"
        #expect(report.experience.spans.first?.current == true)  // "Enero 2020 – Actualidad"
    }

    @Test(arguments: [
        (Samples.nurseResume, Samples.icuJD), (Samples.teacherResume, Samples.teachingJD),
        (Samples.accountantResume, Samples.financeJD), (Samples.spanishResume, Samples.spanishJD),
    ])
    func plannerStaysTruthfulOnEveryField(_ pair: (String, String)) throws {
        let report = TestSupport.analyze(pair.0, pair.1)
        for p in RewritePlanner.propose(resume: pair.0, jd: pair.1, report: report) {
            #expect(p.truthFlags.isEmpty)
            #expect(try UnifiedDiff.apply(p.diff, to: pair.0) == p.newResume)
            #expect(p.scoreAfter >= p.scoreBefore)
        }
    }

    @Test func spanishSummarySentenceIsInSpanish() throws {
        let report = TestSupport.analyze(Samples.spanishResume, Samples.spanishJD)
        let summary = try #require(RewritePlanner.propose(resume: Samples.spanishResume, jd: Samples.spanishJD, report: report)
            .first { $0.kind == .summarySentence })
        #expect(summary.newText.contains("Puntos fuertes:"))
    }
}
