import Testing
@testable import ResumeMatch

/// Evidence proves the point: the term, a listed synonym or a listed narrower term at word
/// boundaries; dates prove durations only; each evidence item says which it is.
@Suite struct EvidenceBoundaryTests {
    static let icuResume = """
        # Dana Kim, RN

        ## Summary

        ICU nurse caring for ventilated patients.

        ## Experience

        ### Staff Nurse, ICU — City Hospital
        2019 – Present

        - Titrated vasoactive drips and charted in Epic EHR.

        ## Certifications

        ACLS, BLS
        """

    @Test func presentInADateNeverProvesCommunicationOrPresentation() throws {
        let jd = """
            Requirements
            - Excellent communication skills.
            - Presentation skills.
            - 3+ years of ICU experience.
            """
        let report = TestSupport.analyze(Self.icuResume, jd)
        let communication = try #require(report.requirement("communication"))
        #expect(communication.status == .missing, "\(communication.evidence)")
        for r in report.requirements where r.category != .yearsOfExperience {
            #expect(!r.evidence.contains { $0.matched.lowercased().contains("present") }, "\(r.id): \(r.evidence)")
        }
        // The dates still prove the years, as a duration.
        let years = try #require(report.requirement("years:3"))
        #expect(years.status == .supported)
        #expect(years.evidence.allSatisfy { $0.kind == .duration })
    }

    @Test func evidenceSaysWhichKindItIs() throws {
        let resume = """
            # Lee

            ## Experience

            ### Engineer — Shop
            2018 – 2024

            - Mentored two engineers.
            - Moved the order database to PostgreSQL.
            - Wrote Python services.
            """
        let jd = "Requirements\n- Python.\n- SQL.\n- Mentoring.\n- 5+ years of experience.\n"
        let report = TestSupport.analyze(resume, jd)
        #expect(report.requirement("python")?.evidence.first?.kind == .exact)
        #expect(report.requirement("mentoring")?.evidence.first?.kind == .synonym)
        #expect(report.requirement("sql")?.evidence.first?.kind == .narrower)
        #expect(report.requirement("sql")?.status == .supported)
        #expect(report.requirement("years:5")?.evidence.first?.kind == .duration)
    }

    @Test func partOfAWordIsNotTheWord() {
        // "Java" is not in "JavaScript"; "R" is not in "R&D"; "Go" is not in "going".
        let resume = "# A\n\n## Experience\n\n### Dev — X\n2020 – 2024\n\n- Built JavaScript apps; going further in R&D.\n"
        let report = TestSupport.analyze(resume, "Requirements\n- Java.\n- Go.\n")
        #expect(report.status(of: "java") == .missing)
        #expect(report.status(of: "go") == .missing)
    }

    @Test func legacyDatesKindStillDecodes() throws {
        let json = #"{"line":3,"section":"Experience","text":"2019 – 2021","matched":"2019 – 2021","kind":"dates"}"#
        let e = try JSONDecoder().decode(Evidence.self, from: Data(json.utf8))
        #expect(e.kind == .duration)
    }
}

import Foundation
