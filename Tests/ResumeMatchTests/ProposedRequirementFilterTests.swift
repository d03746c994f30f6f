import Testing
@testable import ResumeMatch

/// A model's extra requirements must quote the posting verbatim and pass the same filters.
@Suite struct ProposedRequirementFilterTests {
    static let jd = """
        Platform Engineer — NordPay

        About us
        NordPay builds payment rails for the Nordics.

        Requirements
        - Experience running Kubernetes clusters and writing Helm charts.
        - Comfortable with incident postmortems.
        """

    private func rejection(_ p: ProposedRequirement) -> ProposalRejection? {
        ProposedRequirementFilter.review([p], jobDescription: Self.jd).first?.rejection
    }

    @Test func verbatimQuoteFromARequirementLineIsAccepted() {
        #expect(rejection(.init(label: "incident postmortems", quote: "Comfortable with incident postmortems")) == nil)
    }

    @Test func everyFilterApplies() {
        #expect(rejection(.init(label: "Terraform", quote: "Experience with Terraform")) == .quoteNotInPosting)
        #expect(rejection(.init(label: "payment rails", quote: "NordPay builds payment rails")) == .notARequirementPart)
        #expect(rejection(.init(label: "Terraform", quote: "writing Helm charts")) == .labelNotInQuote)
        #expect(rejection(.init(label: "NordPay", quote: "NordPay builds payment rails")) != nil)
        #expect(rejection(.init(label: "experience", quote: "Experience running Kubernetes clusters")) == .generic)
        #expect(rejection(.init(label: "Kubernetes", quote: "running Kubernetes clusters")) == .duplicate)
    }

    @Test func acceptedProposalsAreMatchedLikeAnyRequirement() throws {
        let resume = "# A\n\n## Experience\n\n### SRE — X\n2020 – 2024\n\n- Led incident postmortems for the payments team.\n"
        let proposed = [ProposedRequirement(label: "incident postmortems", quote: "incident postmortems"),
                        ProposedRequirement(label: "Terraform", quote: "Terraform")]
        let report = GapAnalyzer().analyze(resume: resume, jobDescription: Self.jd, now: TestSupport.now, proposed: proposed)
        let r = try #require(report.requirement("phrase:incident postmortem"))
        #expect(r.status == .supported)
        #expect(report.requirement("term:terraform") == nil && report.requirement("terraform") == nil)
        // Without proposals the local engine's report is unchanged.
        #expect(GapAnalyzer().analyze(resume: resume, jobDescription: Self.jd, now: TestSupport.now, proposed: [])
                == TestSupport.analyze(resume, Self.jd))
    }
}
