import Testing
@testable import ResumeKit

/// A posting read like a recruiter reads it: each line in its part, by heading or by wording.
@Suite("Job posting parts")
struct JobPostingReaderTests {
    static let posting = """
        Senior QA Engineer (m/f/d) Northwind Logistics
        Nørregade 14, Copenhagen
        Date posted: 2021-07-14
        Likes: 0 Dislikes: 0 Love: 0
        Company size:
        501-1k people

        About us
        Northwind is the leading logistics platform in the Nordics.

        Responsibilities
        - Design and implement end-to-end tests.

        Requirements
        - 5+ years of experience with Java or Kotlin.
        Nice to have: Kubernetes.

        What we offer
        - 30 days of holiday and a pension plan.

        Northwind is an equal opportunity employer; we hire regardless of race or gender identity.
        Send your application to jobs@northwind.example.
        """

    private func part(of text: String) throws -> JobDescription.SectionKind {
        try #require(JobPostingReader.lines(Self.posting).first { $0.text.contains(text) }).part
    }

    @Test func everyLineIsInItsPart() throws {
        #expect(try part(of: "Senior QA Engineer") == .header)
        #expect(try part(of: "Nørregade") == .header)
        #expect(try part(of: "Date posted") == .metadata)
        #expect(try part(of: "Likes: 0") == .metadata)
        #expect(try part(of: "501-1k") == .metadata)
        #expect(try part(of: "leading logistics platform") == .about)
        #expect(try part(of: "end-to-end tests") == .responsibilities)
        #expect(try part(of: "Java or Kotlin") == .requirements)
        #expect(try part(of: "Kubernetes") == .niceToHave)
        #expect(try part(of: "30 days of holiday") == .benefits)
        #expect(try part(of: "equal opportunity") == .legal)
        #expect(try part(of: "Send your application") == .application)
    }

    @Test func linesAreNumberedAsGivenAndInlineHeadingsDropTheirLabel() throws {
        let lines = JobPostingReader.lines(Self.posting)
        #expect(lines.count == Self.posting.split(separator: "\n", omittingEmptySubsequences: false).count)
        let nice = try #require(lines.first { $0.text.hasPrefix("Nice to have:") })
        #expect(nice.content == "Kubernetes.")
        #expect(nice.number == 16)
    }

    @Test func unheadedProseIsPlacedByItsWording() {
        let text = """
            Are you a curious engineer?
            You have a degree in computer science and solid knowledge of Python.
            You will build data pipelines with the analytics team.
            We offer flexible working hours and a generous pension.
            At Helix we believe in open source; we are a leading provider of analytics software.
            """
        let parts = JobPostingReader.lines(text).map(\.part)
        #expect(Array(parts.dropFirst()) == [.requirements, .responsibilities, .benefits, .about])
    }

    @Test(arguments: [
        ("Anforderungen", JobDescription.SectionKind.requirements), ("Votre profil", .requirements), ("Requisitos", .requirements),
        ("O que procuramos", .requirements), ("Requisiti", .requirements), ("Wat wij vragen", .requirements),
        ("المتطلبات", .requirements), ("任职要求", .requirements), ("応募資格", .requirements),
        ("Deine Aufgaben", .responsibilities), ("Vos missions", .responsibilities), ("Responsabilidades", .responsibilities),
        ("岗位职责", .responsibilities), ("仕事内容", .responsibilities), ("المسؤوليات", .responsibilities),
        ("Wir bieten", .benefits), ("Nous offrons", .benefits), ("福利待遇", .benefits), ("Über uns", .about),
        ("Nice to have", .niceToHave), ("Wünschenswert", .niceToHave), ("Se valorará", .niceToHave), ("加分项", .niceToHave),
    ])
    func headingsInManyLanguages(_ c: (String, JobDescription.SectionKind)) {
        #expect(JobPostingReader.classify(c.0) == c.1, "\(c.0)")
    }
}
