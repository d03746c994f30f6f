import Testing
@testable import ResumeKit

/// Resume section headings in the ten languages map to what the section holds.
@Suite("Section headings in ten languages")
struct MultilingualSectionHeadingTests {
    @Test(arguments: [
        ("Work Experience", ResumeSection.Kind.experience), ("Berufserfahrung", .experience),
        ("Expérience professionnelle", .experience), ("Experiencia laboral", .experience),
        ("Experiência profissional", .experience), ("Esperienza lavorativa", .experience), ("Werkervaring", .experience),
        ("الخبرة العملية", .experience), ("工作经历", .experience), ("職歴", .experience),
        ("Education", .education), ("Ausbildung", .education), ("Formation", .education), ("Formación académica", .education),
        ("Formação acadêmica", .education), ("Istruzione", .education), ("Opleiding", .education), ("التعليم", .education),
        ("教育背景", .education), ("学歴", .education),
        ("Skills", .skills), ("Kenntnisse", .skills), ("Compétences", .skills), ("Habilidades", .skills),
        ("Competências técnicas", .skills), ("Competenze", .skills), ("Vaardigheden", .skills), ("المهارات", .skills),
        ("专业技能", .skills), ("スキル", .skills),
        ("Summary", .summary), ("Zusammenfassung", .summary), ("Profil professionnel", .summary), ("Perfil profesional", .summary),
        ("Resumo profissional", .summary), ("Profilo", .summary), ("Samenvatting", .summary), ("نبذة عني", .summary),
        ("个人简介", .summary), ("自己PR", .summary),
    ])
    func headingHasItsKind(_ c: (String, ResumeSection.Kind)) {
        #expect(SectionHeadings.kind(of: c.0) == c.1, "\(c.0)")
    }

    @Test func aLongSentenceIsNoHeading() {
        #expect(SectionHeadings.kind(of: "Led the education program for 40 nurses across three hospitals in the region") == nil)
    }

    @Test func arabicResumeIsRecognised() {
        let resume = ResumeParser.parse(markdown: """
            # سارة أحمد

            ## الخبرة العملية

            ### ممرضة — مستشفى الملك فهد
            2019 – الآن

            - رعاية المرضى في وحدة العناية المركزة.
            """)
        #expect(resume.experience.first?.dates?.isCurrent == true)
        #expect(resume.experience.first?.dates?.start == YearMonth(year: 2019))
    }
}
