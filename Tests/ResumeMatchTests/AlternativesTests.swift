import Testing
@testable import ResumeMatch

/// "X or Y", "X/Y", "X, Y or similar" and "eligibility for X" are one requirement that any
/// member satisfies, scored once.
@Suite struct AlternativesTests {
    @Test func licenceOrEligibilityIsOneRequirementSatisfiedByTheLicence() throws {
        let jd = """
            Requirements
            - Active RN license (or eligibility for Massachusetts licensure).
            - BLS certification.
            """
        let report = TestSupport.analyze(Samples.nurseResume, jd)
        let labels = report.requirements.map { $0.label.lowercased() }
        #expect(!labels.contains { $0.contains("eligibility") || $0.contains("massachusetts") || $0 == "licensure" }, "\(labels)")
        #expect(report.status(of: "rn") == .supported)
        #expect(report.requirements(.missing).isEmpty, "\(report.requirements(.missing).map(\.label))")
    }

    @Test func alternativesAreOneRequirementWithEachMembersVerdict() throws {
        let jd = """
            Requirements
            - Experience with Tableau or Looker.
            """
        let resume = "# A\n\n## Experience\n\n### Analyst — Shop\n2020 – 2023\n\n- Built Tableau dashboards for sales.\n"
        let report = TestSupport.analyze(resume, jd)
        let group = try #require(report.requirement("tableau"))
        #expect(group.covers("looker"))
        #expect(group.status == .supported)
        #expect(group.label == "Tableau or Looker")
        #expect(group.alternatives?.map(\.status) == [.supported, .missing])
        #expect(report.requirements.count == 1)
        #expect(report.score.units == 1 && report.score.score == 100)
        #expect(!report.suggestions.contains { $0.requirementIds.contains("looker") })
    }

    @Test func aSemicolonEndsARunOfAlternatives() throws {
        let report = TestSupport.analyze("", "Requirements\n- Nginx/Varnish; Jenkins pipelines; Terraform\n")
        let groups = report.requirements.compactMap { $0.alternatives?.map(\.label) }
        #expect(groups == [["Nginx", "Varnish"]], "\(report.requirements.map(\.label))")
        let single = report.requirements.filter { $0.alternatives == nil }.map(\.label)
        #expect(single == ["Jenkins pipelines", "Terraform"])
    }

    @Test(arguments: ["Experience with Jest, Mocha or similar.", "Experience with Jest/Mocha."])
    func listsAndSlashesAreAlternatives(_ line: String) throws {
        let report = TestSupport.analyze("", "Requirements\n- \(line)\n")
        let group = try #require(report.requirements.first { $0.alternatives != nil }, "\(report.requirements.map(\.label))")
        #expect(Set(group.alternatives?.map { $0.label.lowercased() } ?? []) == ["jest", "mocha"])
    }

    @Test func scoreCountsAGroupOnceAtItsBestStatus() {
        let jd = "Requirements\n- SAP or NetSuite.\n- Excel.\n"
        let report = TestSupport.analyze(Samples.accountantResume, jd)
        #expect(report.score.units == 2)
        #expect(report.score.totalWeight == 4)
        #expect(report.score.earnedWeight == 4)
    }
}
