import Testing
@testable import ResumeMatch

/// A rewrite only names clean terms: a requirement's label or a phrase the resume itself
/// contains — never a date word, a fragment or a word the analysis mistook.
@Suite struct RewriteCleanTermsTests {
    static let jd = """
        Requirements
        - Excellent communication skills and presentation skills.
        - ACLS and BLS certification.
        - Experience with ventilated patients and Epic EHR.
        - Experience training others.
        """

    static func summaryItems(_ proposal: EditProposal) -> [String] {
        guard let range = proposal.newText.range(of: "Relevant strengths: ") else { return [] }
        let list = proposal.newText[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        return list.replacingOccurrences(of: " and ", with: ", ").components(separatedBy: ", ")
    }

    @Test(arguments: [
        (EvidenceBoundaryTests.icuResume, jd), (Samples.nurseResume, Samples.icuJD),
        (Samples.accountantResume, Samples.financeJD), (Samples.teacherResume, Samples.teachingJD),
    ])
    func summaryNamesOnlyLabelsOrResumePhrases(_ pair: (String, String)) throws {
        let report = TestSupport.analyze(pair.0, pair.1)
        let labels = Set(report.requirements.map { $0.label.lowercased() })
        let resume = pair.0.lowercased()
        for p in RewritePlanner.propose(resume: pair.0, jd: pair.1, report: report) where p.kind == .summarySentence {
            for item in Self.summaryItems(p) {
                let clean = labels.contains(item.lowercased()) || resume.contains(item.lowercased())
                #expect(clean, "\"\(item)\" is neither a requirement label nor a resume phrase")
                #expect(item.lowercased() != "present" && item.contains(where: \.isLetter))
            }
        }
    }

    @Test func thePresentCaseProposesNoPresent() throws {
        let report = TestSupport.analyze(EvidenceBoundaryTests.icuResume, Self.jd)
        for p in RewritePlanner.propose(resume: EvidenceBoundaryTests.icuResume, jd: Self.jd, report: report) {
            #expect(!Self.summaryItems(p).map { $0.lowercased() }.contains("present"))
            #expect(!p.rationale.lowercased().contains(", present"))
        }
    }
}

import Foundation
