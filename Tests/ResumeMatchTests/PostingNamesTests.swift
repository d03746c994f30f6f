import Testing
@testable import ResumeMatch

/// Company, place and person names, contacts, salaries and job-board metadata are never
/// requirements, however tool-like they look.
@Suite struct PostingNamesTests {
    static let posting = """
        Senior Data Engineer (m/f/d) NordPay
        Nørregade 14, Copenhagen
        Date posted: 2024-03-01
        Likes: 0 Dislikes: 0 Love: 0
        Company size:
        501-1k people

        About us
        NordPay is the leading Nordic payments platform, with offices in Copenhagen, Springfield and Oslo.

        What you will do
        - Build data pipelines in Python and Airflow for the NordPay risk team in Springfield.

        Requirements
        - 3+ years of experience with Python and SQL.
        - Experience with Snowflake or BigQuery.

        What we offer
        - Competitive salary of DKK 60,000 per month, pension and health insurance.

        Questions? Contact Mette Hansen at mette.hansen@nordpay.example or +45 70 20 30 40.
        NordPay is an equal opportunity employer and considers applicants regardless of race, gender identity or disability.
        """

    static let forbidden = [
        "nordpay", "copenhagen", "springfield", "oslo", "nordic", "mette", "hansen", "likes", "dislikes", "love", "company",
        "size", "dkk", "salary", "pension", "insurance", "equal", "race", "gender", "disability", "nørregade", "example",
        "posted", "people",
    ]

    private func words(_ report: GapReport) -> Set<String> {
        Set(report.requirements.flatMap { r in
            Tokenizer.tokenize(r.label + " " + (r.jdTerm ?? "")).map(\.lower)
        })
    }

    @Test func namesPlacesContactsAndMetadataAreNeverRequirements() {
        let report = TestSupport.analyze("", Self.posting)
        let listed = words(report)
        for word in Self.forbidden {
            #expect(!listed.contains(word), "\(word) must not be a requirement: \(report.requirements.map(\.label))")
        }
    }

    @Test func theRequirementsThemselvesAreFound() {
        let report = TestSupport.analyze("", Self.posting)
        for id in ["python", "sql", "snowflake", "bigquery", "airflow", "years:3"] {
            #expect(report.requirement(id) != nil, "\(id) not extracted: \(report.requirements.map(\.id))")
        }
        #expect(report.requirement("sql")?.priority == .must)
        // Duties imply nice-to-haves when the posting lists its requirements.
        #expect(report.requirement("airflow")?.priority == .nice)
    }

    @Test func camelCaseCompanyNamedInProseIsNotATool() {
        let jd = """
            Backend Engineer — BlueHarbor

            About the role
            You will work with product teams across BlueHarbor on the checkout.

            Requirements
            - Experience with Go and gRPC.
            - At BlueHarbor we value curiosity.
            """
        let report = TestSupport.analyze("", jd)
        #expect(!words(report).contains("blueharbor"), "\(report.requirements.map(\.label))")
        #expect(report.requirement("go") != nil && report.requirement("grpc") != nil)
    }

    @Test func unknownToolsAreReadFromTheirShapeAndListContext() {
        let jd = """
            Requirements
            - Experience with test frameworks (Selenium, TestCafe, Cypress).
            - Knowledge of CRRT and HTML5.
            """
        let report = TestSupport.analyze("", jd)
        let labels = Set(report.requirements.map { ($0.label + " " + ($0.jdTerm ?? "")).lowercased() })
        for tool in ["testcafe", "cypress", "crrt", "html5"] {
            #expect(labels.contains { $0.contains(tool) }, "\(tool) missing from \(labels)")
        }
    }
}
