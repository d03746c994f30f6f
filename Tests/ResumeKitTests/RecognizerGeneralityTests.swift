import Foundation
import Testing
@testable import ResumeKit
@testable import ResumeImport

@Suite("Structure recognition beyond the fixtures")
struct RecognizerGeneralityTests {
    @Test func spanishNurseInPlainText() {
        let text = """
        LUCÍA FERNÁNDEZ GARCÍA
        Enfermera
        Madrid · lucia.fernandez@example.es · +34 600 123 456

        PERFIL PROFESIONAL
        Enfermera con 8 años de experiencia en cuidados intensivos y urgencias.

        EXPERIENCIA PROFESIONAL
        Enfermera de UCI — Hospital Universitario La Paz, Madrid
        Enero 2019 – actualidad
        • Atención a 6 pacientes críticos por turno.
        • Formación de personal de nueva incorporación.
        Enfermera de urgencias — Hospital Virgen de la Salud, Toledo
        03/2015 – 12/2018
        • Triaje de pacientes según el sistema Manchester.

        FORMACIÓN
        Grado en Enfermería — Universidad Complutense de Madrid, 2015

        HABILIDADES
        RCP avanzada, ventilación mecánica, triaje, Excel

        IDIOMAS
        Español (nativo), inglés (B2)
        """
        let resume = ResumeParser.parse(plainText: text)
        #expect(resume.name == "LUCÍA FERNÁNDEZ GARCÍA")
        #expect(resume.headline == "Enfermera")
        #expect(resume.sections.map(\.kind) == [.summary, .experience, .education, .skills, .other])
        #expect(resume.sections.map(\.title) == ["Perfil Profesional", "Experiencia Profesional", "Formación", "Habilidades", "Idiomas"])
        let jobs = resume.experience
        #expect(jobs.map(\.title) == ["Enfermera de UCI", "Enfermera de urgencias"])
        #expect(jobs.map(\.employer) == ["Hospital Universitario La Paz", "Hospital Virgen de la Salud"])
        #expect(jobs[0].dates?.isCurrent == true)
        #expect(jobs[0].dates?.start == YearMonth(year: 2019, month: 1))
        #expect(jobs[1].dates?.end == YearMonth(year: 2018, month: 12))
        #expect(jobs.map(\.bullets.count) == [2, 1])
        #expect(resume.education.first?.institution == "Universidad Complutense de Madrid")
        #expect(resume.skills == ["RCP avanzada", "ventilación mecánica", "triaje", "Excel"])
    }

    @Test func germanTeacherInMarkdown() {
        let markdown = """
        # Anna Schmidt

        anna.schmidt@example.de · Berlin

        ## Berufserfahrung

        ### Gymnasiallehrerin für Mathematik und Physik
        Humboldt-Gymnasium, Berlin | 08/2016 – heute

        - Unterricht in den Klassen 7 bis 12
        - Leitung der Physik-AG

        ## Ausbildung

        ### Zweites Staatsexamen — Landesinstitut für Schule Berlin
        2016

        ## Kenntnisse

        Didaktik, Moodle, LaTeX
        """
        let resume = ResumeParser.parse(markdown: markdown)
        #expect(resume.sections.map(\.kind) == [.experience, .education, .skills])
        let job = resume.experience.first
        #expect(job?.title == "Gymnasiallehrerin für Mathematik und Physik")
        #expect(job?.employer == "Humboldt-Gymnasium")
        #expect(job?.location == "Berlin")
        #expect(job?.dates?.isCurrent == true)
        #expect(job?.dates?.start == YearMonth(year: 2016, month: 8))
        #expect(resume.education.first?.degree == "Zweites Staatsexamen")
        #expect(resume.skills == ["Didaktik", "Moodle", "LaTeX"])
    }

    @Test func glyphBulletsAndEmployerFirstHeaders() {
        let text = """
        Sam Okafor
        sam@example.com

        Experience
        Northwind Traders
        Warehouse Supervisor
        2017-2021
        ▪ Scheduled 40 staff across three shifts.
        ◦ Cut picking errors by 12%.
        \u{F0B7} Trained forklift operators.
        ‣ Ran the weekly safety briefing.
        – Owned stock audits.

        Skills
        • Forklift
        • Inventory control
        • SAP
        """
        let resume = ResumeParser.parse(plainText: text)
        let job = resume.experience.first
        #expect(job?.title == "Warehouse Supervisor")
        #expect(job?.employer == "Northwind Traders")
        #expect(job?.dates?.start == YearMonth(year: 2017))
        #expect(job?.dates?.end == YearMonth(year: 2021))
        #expect(job?.bullets.count == 5)
        #expect(job?.bullets[2] == "Trained forklift operators.")
        #expect(resume.skills == ["Forklift", "Inventory control", "SAP"])
    }

    @Test func frenchAndPortugueseHeadings() {
        for (heading, kind) in [
            ("Expérience professionnelle", ResumeSection.Kind.experience), ("Formation", .education), ("Compétences", .skills),
            ("Experiência Profissional", .experience), ("Formação Acadêmica", .education), ("Competências", .skills),
            ("WORK EXPERIENCE", .experience), ("Skills & Tools", .skills), ("Berufserfahrung:", .experience),
        ] {
            #expect(SectionHeadings.kind(of: heading) == kind, "\(heading)")
        }
    }

    struct DateCase: Sendable, CustomTestStringConvertible {
        var text: String
        var start: YearMonth?
        var end: YearMonth?
        var current: Bool
        var testDescription: String { text }
    }

    @Test("Date ranges in many spellings", arguments: [
        DateCase(text: "Jan 2020 – Present", start: YearMonth(year: 2020, month: 1), end: nil, current: true),
        DateCase(text: "2019-2021", start: YearMonth(year: 2019), end: YearMonth(year: 2021), current: false),
        DateCase(text: "03/2018 – 06/2020", start: YearMonth(year: 2018, month: 3), end: YearMonth(year: 2020, month: 6), current: false),
        DateCase(text: "2020 — heute", start: YearMonth(year: 2020), end: nil, current: true),
        DateCase(text: "Sept. 2017 to Aug. 2019", start: YearMonth(year: 2017, month: 9), end: YearMonth(year: 2019, month: 8), current: false),
        DateCase(text: "enero de 2019 – actualidad", start: YearMonth(year: 2019, month: 1), end: nil, current: true),
        DateCase(text: "janv. 2021 - aujourd'hui", start: YearMonth(year: 2021, month: 1), end: nil, current: true),
        DateCase(text: "2018-03 to 2020-11", start: YearMonth(year: 2018, month: 3), end: YearMonth(year: 2020, month: 11), current: false),
        DateCase(text: "März 2015 bis Okt 2017", start: YearMonth(year: 2015, month: 3), end: YearMonth(year: 2017, month: 10), current: false),
        DateCase(text: "desde 2022", start: YearMonth(year: 2022), end: nil, current: true),
        DateCase(text: "junho 2019 – atual", start: YearMonth(year: 2019, month: 6), end: nil, current: true),
        DateCase(text: "2018", start: nil, end: YearMonth(year: 2018), current: false),
    ])
    func dateRanges(_ expected: DateCase) throws {
        let range = try #require(DateRange(parsing: expected.text))
        #expect(range.text == expected.text)
        #expect(range.start == expected.start)
        #expect(range.end == expected.end)
        #expect(range.isCurrent == expected.current)
    }

    @Test func phoneNumbersAndCountsAreNotDates() {
        #expect(DateRange(parsing: "(206) 555-0147") == nil)
        #expect(DateRangeParser.find(in: "4,000 requests per second") == nil)
    }

    @Test func localizedDocxStylesAreResolved() throws {
        let styles = """
        <w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>
        <w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>
        <w:style w:type="paragraph" w:styleId="Abschnitt"><w:name w:val="Abschnitt"/><w:basedOn w:val="berschrift1"/></w:style>
        """
        let body = [
            TestZip.paragraph("Anna Schmidt", style: "Titel"),
            TestZip.paragraph("anna@example.de · Berlin"),
            TestZip.paragraph("Berufserfahrung", style: "berschrift1"),
            TestZip.paragraph("**Lehrerin — Humboldt-Gymnasium**"),
            TestZip.paragraph("*08/2016 – heute*"),
            TestZip.paragraph("Mathematik und Physik", numbered: true),
            TestZip.paragraph("Sprachen", style: "Abschnitt"),
            TestZip.paragraph("Deutsch\tEnglisch"),
        ].joined()
        let imported = try ResumeImporter.import(data: TestZip.docx(body: body, styles: styles), filename: "cv.docx", declaredContentType: nil)
        let resume = imported.resume
        #expect(resume.name == "Anna Schmidt")
        #expect(resume.sections.map(\.title) == ["Berufserfahrung", "Sprachen"])
        #expect(resume.experience.first?.employer == "Humboldt-Gymnasium")
        #expect(resume.experience.first?.bullets == ["Mathematik und Physik"])
        #expect(resume.sections.last?.content == .lines(["Deutsch | Englisch"]))
    }
}
