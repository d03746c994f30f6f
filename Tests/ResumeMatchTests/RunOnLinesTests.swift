import Testing
@testable import ResumeMatch

/// A page pasted without its line breaks still has its parts: headings and job-board keys
/// written inside a line start a new part there, and every piece keeps its original line number.
@Suite struct RunOnLinesTests {
    static let runOn = "Senior Kotlin Developer NordPay Friedrichstraße 68 Berlin Date posted: 2021-07-16 Likes: 0 "
        + "Dislikes: 0 Job type: Full-time Industry: Real Estate Company size: 51–200 people Technologies kotlin "
        + "postgresql Job description We are a fast growing team in Berlin building payments. Requirements: You have "
        + "experience with Kubernetes and Terraform. We offer Free lunch, a Gym membership and Danish lessons."

    @Test func headingsInsideALineStartTheirParts() {
        let pieces = GapAnalyzer().readPosting(Self.runOn)
        #expect(pieces.allSatisfy { $0.line == 1 })
        #expect(pieces.contains { $0.part == .metadata && $0.text.contains("Full-time") })
        #expect(pieces.contains { $0.part == .requirements && $0.text.contains("kotlin postgresql") })
        #expect(pieces.contains { $0.part == .requirements && $0.text.contains("Kubernetes") })
        #expect(pieces.contains { $0.part == .benefits && $0.text.contains("lunch") })
        // "Real Estate" is the industry's value, not part of the next key.
        #expect(pieces.contains { $0.part == .metadata && $0.text == "Real Estate" })
    }

    @Test func runOnPostingYieldsItsStackAndNothingFromItsMetadataOrBenefits() {
        let report = TestSupport.analyze("", Self.runOn)
        let labels = report.requirements.map { $0.label.lowercased() }
        for expected in ["kotlin", "postgresql", "kubernetes", "terraform"] {
            #expect(labels.contains { $0.contains(expected) }, "\(expected) in \(labels)")
        }
        for never in ["nordpay", "berlin", "likes", "full-time", "real estate", "51", "people", "lunch", "gym", "danish"] {
            #expect(!labels.contains { $0.contains(never) }, "\(never) in \(labels)")
        }
        #expect(report.requirements.allSatisfy { $0.jdLine == 1 })
    }

    @Test func headingGluedToTheFirstSentenceOfItsPart() {
        let jd = """
            RESPONSIBILITIES Develop and maintain our Kafka pipelines.
            We offer Free lunch and a yearly Oracle certification budget.
            """
        let pieces = GapAnalyzer().readPosting(jd)
        #expect(pieces.contains { $0.part == .responsibilities && $0.text.hasPrefix("Develop") })
        #expect(pieces.contains { $0.part == .benefits && $0.text.hasPrefix("Free lunch") })
    }

    @Test func aCapitalisedWordInsideASentenceIsNotAHeading() {
        let line = "As an Application Support Specialist in Equities you will support the Retail and Markets "
            + "trading business and work closely with the Development team and the IT infrastructure team every day."
        #expect(GapAnalyzer().readPosting(line).count == 1)
    }
}
