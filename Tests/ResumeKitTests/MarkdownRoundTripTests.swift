import Foundation
import Testing
@testable import ResumeKit
@testable import ResumeImport

@Suite("Canonical Markdown")
struct MarkdownRoundTripTests {
    @Test("parse(render(x)) == x for imported resumes", arguments: [
        "alex-chen.md", "alex-chen.docx", "alex-chen.pdf", "maria-santos.md", "maria-santos.docx", "maria-santos.pdf",
    ])
    func roundTripIsStable(file: String) throws {
        let resume = try ResumeImporter.import(data: Fixtures.data("resumes/\(file)"), filename: file, declaredContentType: nil).resume
        let reparsed = ResumeParser.parse(markdown: resume.markdown)
        #expect(reparsed == resume)
        #expect(reparsed.markdown == resume.markdown)
    }

    static let built = Resume(
        name: "Lucía Fernández", headline: "Enfermera", contact: ["Madrid", "lucia@example.es", "+34 600 123 456"],
        sections: [
            ResumeSection(title: "Perfil", content: .summary("Enfermera con 8 años de experiencia.\n\nBilingüe.")),
            ResumeSection(title: "Experiencia", content: .experience([
                ExperienceEntry(
                    title: "Enfermera de UCI", employer: "Hospital La Paz", location: "Madrid",
                    dates: DateRange(text: "enero 2019 – actualidad", start: YearMonth(year: 2019, month: 1), isCurrent: true),
                    description: "Unidad de 24 camas.", bullets: ["Cuidados intensivos a pacientes críticos."]
                ),
                ExperienceEntry(title: "Enfermera", location: "Toledo", dates: DateRange(text: "2015 - 2018", start: YearMonth(year: 2015), end: YearMonth(year: 2018))),
            ])),
            ResumeSection(title: "Formación", content: .education([
                EducationEntry(degree: "Grado en Enfermería", institution: "Universidad Complutense", dates: DateRange(text: "2015", end: YearMonth(year: 2015)), details: ["Matrícula de honor"]),
            ])),
            ResumeSection(title: "Habilidades", content: .skills([
                SkillGroup(name: "Clínicas", items: ["RCP avanzada", "Ventilación mecánica"]),
                SkillGroup(name: "Idiomas", items: ["Español (nativo)", "Inglés (C1)"]),
            ])),
            ResumeSection(title: "Certificaciones", content: .lines(["- Soporte Vital Avanzado (2020)", "Colegiada nº 12345"])),
        ]
    )

    @Test func builtResumeRoundTrips() {
        let markdown = Self.built.markdown
        #expect(ResumeParser.parse(markdown: markdown) == Self.built)
    }

    @Test func canonicalLayout() {
        let markdown = Self.built.markdown
        #expect(markdown.hasPrefix("# Lucía Fernández\n\n**Enfermera**\n\nMadrid · lucia@example.es · +34 600 123 456\n\n## Perfil\n"))
        #expect(markdown.contains("### Enfermera de UCI — Hospital La Paz\n*Madrid | enero 2019 – actualidad*\n\nUnidad de 24 camas.\n\n- Cuidados intensivos a pacientes críticos."))
        #expect(markdown.contains("**Clínicas:** RCP avanzada, Ventilación mecánica"))
    }

    @Test func handWrittenMarkdownIsRead() {
        let markdown = """
        Jordan Lee
        ==========
        jordan@example.com | 555-010-7788
        Denver, CO

        Work History
        ------------

        **Acme Corp** — Staff Engineer, 2019 - 2023
        * Led the billing rewrite that cut
          invoice errors by 30%.
        * Ran on-call.

        ### Technical Skills
        - **Languages:** Go, Rust
        - **Cloud:** AWS (EC2, S3), GCP
        """
        let resume = ResumeParser.parse(markdown: markdown)
        #expect(resume.name == "Jordan Lee")
        #expect(resume.contact == ["jordan@example.com", "555-010-7788", "Denver, CO"])
        let job = resume.experience.first
        #expect(job?.title == "Staff Engineer")
        #expect(job?.employer == "Acme Corp")
        #expect(job?.dates?.start == YearMonth(year: 2019))
        #expect(job?.bullets == ["Led the billing rewrite that cut invoice errors by 30%.", "Ran on-call."])
        #expect(resume.sections.last?.content == .skills([
            SkillGroup(name: "Languages", items: ["Go", "Rust"]), SkillGroup(name: "Cloud", items: ["AWS (EC2, S3)", "GCP"]),
        ]))
    }
}
