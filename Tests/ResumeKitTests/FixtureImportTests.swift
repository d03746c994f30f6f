import Foundation
import Testing
@testable import ResumeKit
@testable import ResumeImport

@Suite("Importing the fixture resumes")
struct FixtureImportTests {
    static let people = ["alex-chen", "maria-santos"]

    private func importFixture(_ name: String) throws -> ImportedResume {
        try ResumeImporter.import(data: Fixtures.data("resumes/\(name)"), filename: name, declaredContentType: nil)
    }

    @Test("Markdown, DOCX and PDF give the same resume", arguments: people)
    func sameStructureAcrossFormats(person: String) throws {
        let markdown = try importFixture("\(person).md")
        let docx = try importFixture("\(person).docx")
        let pdf = try importFixture("\(person).pdf")
        #expect(markdown.format == .markdown)
        #expect(docx.format == .docx)
        #expect(pdf.format == .pdf)
        #expect(docx.resume == markdown.resume)
        #expect(pdf.resume == markdown.resume)
        #expect(pdf.markdown == markdown.markdown)
    }

    @Test func alexChenIsReadInFull() throws {
        let resume = try importFixture("alex-chen.pdf").resume
        #expect(resume.name == "Alex Chen")
        #expect(resume.contact == ["Seattle, WA", "alex.chen@example.com", "(206) 555-0147", "github.com/alexchen-dev"])
        #expect(resume.sections.map(\.kind) == [.summary, .experience, .education, .skills])
        #expect(resume.summary?.hasPrefix("Backend engineer with 6 years") == true)
        let jobs = resume.experience
        #expect(jobs.map(\.title) == ["Senior Software Engineer", "Software Engineer"])
        #expect(jobs.map(\.employer) == ["Parcelwise", "Finlo Payments"])
        #expect(jobs.map(\.location) == ["Seattle, WA", "Portland, OR"])
        #expect(jobs[0].dates == DateRange(text: "March 2021 – Present", start: YearMonth(year: 2021, month: 3), isCurrent: true))
        #expect(jobs[1].dates?.start == YearMonth(year: 2018, month: 6))
        #expect(jobs[1].dates?.end == YearMonth(year: 2021, month: 2))
        #expect(jobs.map(\.bullets.count) == [4, 3])
        #expect(jobs[0].bullets[0] == "Designed and built the shipment-tracking API in Go serving 4,000 requests per second at p99 under 40 ms.")
        #expect(resume.education == [EducationEntry(
            degree: "B.S. Computer Science", institution: "Oregon State University",
            dates: DateRange(text: "2018", end: YearMonth(year: 2018))
        )])
        #expect(resume.skills.count == 13)
        #expect(resume.skills.last == "GitHub Actions")
    }

    @Test func mariaSantosWrappedLinesAreJoined() throws {
        let resume = try importFixture("maria-santos.pdf").resume
        #expect(resume.skills.last == "data visualization")
        #expect(resume.experience[0].bullets[3] == "Automated the monthly supplier scorecard with Python (pandas) and scheduled it with Airflow.")
        #expect(resume.education.first?.degree == "B.A. Economics, minor in Statistics")
        #expect(resume.education.first?.institution == "University of Texas at Austin")
        #expect(resume.experience.map(\.employer) == ["Brightcart Retail", "Lone Star Health Partners"])
    }

    /// A hang guard, not a speed test: import speed is measured by bench/import.sh (release).
    @Test("Importing never stalls", arguments: ["alex-chen.pdf", "alex-chen.docx", "alex-chen.md"])
    func importNeverStalls(file: String) throws {
        let data = try Fixtures.data("resumes/\(file)")
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for _ in 0..<5 { _ = try ResumeImporter.import(data: data, filename: file, declaredContentType: nil) }
        }
        #expect(elapsed < .seconds(10))
    }

    @Test func importedResumeEncodesAsFlatJSON() throws {
        let imported = try importFixture("alex-chen.md")
        let json = try JSONEncoder().encode(imported)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"kind\":\"experience\""))
        #expect(!text.contains("_0"))
        #expect(try JSONDecoder().decode(ImportedResume.self, from: json) == imported)
    }
}
