import Testing
@testable import ResumeMatch

/// Years of experience read from resumes in other languages, through ResumeKit's one date
/// grammar and section lexicon.
@Suite struct MultilingualExperienceTests {
    static let arabic = """
        # سارة أحمد

        ## الخبرة العملية

        ### ممرضة — مستشفى الملك فهد
        2019 – الآن

        - رعاية المرضى في وحدة العناية المركزة.

        ## التعليم

        ### بكالوريوس التمريض — جامعة الملك سعود
        2015 – 2019
        """

    static let japanese = """
        # 山田 太郎

        ## 職歴

        ### ソフトウェアエンジニア — 株式会社サンプル
        2020年4月 – 現在

        - Go と Kubernetes でサービスを開発。
        """

    static let german = """
        # Anna Schmidt

        ## Berufserfahrung

        ### Entwicklerin — Beispiel GmbH
        seit 2020

        - Entwicklung von Diensten in Go.
        """

    @Test func arabicPresentGivesExperienceYears() throws {
        let report = TestSupport.analyze(Self.arabic, "Requirements\n- 5+ years of ICU experience.\n")
        #expect(report.experience.totalMonths == 61)  // mid-2019 to June 2024; the degree's years are not work
        let years = try #require(report.requirement("years:5"))
        #expect(years.status == .supported)
        #expect(years.note?.contains("No employment dates") != true)
        #expect(report.experience.spans.first?.current == true)
    }

    @Test func japaneseYearMonthAndGenzai() throws {
        let report = TestSupport.analyze(Self.japanese, "Requirements\n- 3+ years of Go.\n")
        let span = try #require(report.experience.spans.first)
        #expect(span.start == "2020-04" && span.current)
        #expect(report.status(of: "years:3") == .supported)
    }

    @Test func germanSeit() throws {
        let report = TestSupport.analyze(Self.german, "Anforderungen\n- 3+ years of Go.\n")
        #expect(report.experience.spans.first?.current == true)
        #expect(report.experience.totalMonths == 49)
    }
}
