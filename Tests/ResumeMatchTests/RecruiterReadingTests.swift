import Testing
@testable import ResumeMatch

/// Words a recruiter does not read as requirements although the vocabulary knows them: a
/// company's name made of a trade word ("Meridian Insurance"), perks run on under the
/// requirements, an umbrella before its examples, "master" the verb and "a high degree of", and
/// job-board fields, the industry among them.
@Suite struct RecruiterReadingTests {
    private func labels(_ jd: String) -> [String] {
        TestSupport.analyze("", jd).requirements.map { $0.label.lowercased() }
    }

    @Test func aCompanyFormAfterAnUnknownWordNamesTheCompany() {
        let jd = """
            Requirements
            - You will work closely with the Meridian Insurance risk team and KMW Group partners.
            - Experience with Python and Airflow.
            """
        let found = labels(jd)
        #expect(found.contains("python"))
        for never in ["insurance", "meridian", "kmw", "group"] {
            #expect(!found.contains { $0.contains(never) }, "\(never) in \(found)")
        }
    }

    @Test func perksUnderTheRequirementsAreNotRequirements() {
        let jd = """
            Requirements
            - Experience with Kubernetes.
            - Private health insurance
            - Meal allowance and a yearly pension contribution
            - Experience in the insurance industry
            """
        let report = TestSupport.analyze("", jd)
        let found = report.requirements.map { $0.label.lowercased() }
        #expect(found.contains("kubernetes"))
        #expect(!found.contains { $0.contains("allowance") || $0.contains("pension") })
        // Asked for with "experience in", insurance is a requirement, read from that line only.
        let insurance = report.requirements.first { $0.label.lowercased() == "insurance" }
        #expect(insurance?.jdLine == 5)
    }

    @Test func anUmbrellaBeforeItsExamplesIsNotListedTwice() {
        let found = labels("""
            Requirements
            - Proficiency with programming languages such as Java, Kotlin or Go.
            - Experience with NoSQL databases like MongoDB.
            """)
        // Java, Kotlin or Go are one group of alternatives.
        for example in ["java", "kotlin", "mongodb"] { #expect(found.contains { $0.contains(example) }, "\(found)") }
        #expect(!found.contains("programming languages"), "\(found)")
        #expect(!found.contains { $0.hasPrefix("nosql") }, "\(found)")
    }

    @Test func masterTheVerbAndADegreeOfAccuracyAreNoDegrees() {
        let report = TestSupport.analyze("", """
            Requirements
            - You master the English language both orally and written.
            - A high degree of accuracy and a degree of personal responsibility.
            - Master's degree in Statistics.
            """)
        let degrees = report.requirements.filter { $0.category == .education }
        #expect(degrees.count == 1)
        #expect(degrees.first?.jdLine == 4)
        #expect(report.requirements.contains { $0.label == "English" })
        #expect(!report.requirements.contains { $0.label.lowercased() == "language" })
    }

    @Test func noJobBoardFieldIsARequirementNotEvenTheIndustry() {
        let jd = """
            Backend Engineer
            KMW Group
            # Job type:
            Full-time
            # Industry:
            Banking IT Consulting
            # Company size:
            1k–5k people
            Requirements
            - Experience with Java.
            """
        let report = TestSupport.analyze("", jd)
        #expect(report.requirements.map { $0.label.lowercased() } == ["java"])
    }

    @Test func aSpanOfTimeIsNoYearsOfExperience() {
        let report = TestSupport.analyze("", """
            Requirements
            - Over the next ten years the market is expected to grow; you will help us lead it.
            - The position is offered for a period of three years.
            - At least 5 years of experience with SQL.
            """)
        let years = report.requirements.filter { $0.category == .yearsOfExperience }
        #expect(years.map(\.label) == ["5+ years of experience"])
    }

    @Test func aLanguageIsARequirementOnlyWhereKnowingItIsAsked() {
        let found = labels("""
            Requirements
            - Fluent in Danish, written and spoken.
            - We offer free German lessons and a Danish-style lunch.
            - Experience with Grafana; our clients include the Swedish Confederation of Industries.
            """)
        #expect(found.contains("danish"))
        #expect(!found.contains("german") && !found.contains("swedish"), "\(found)")
    }

    @Test func aTitleCaseDegreeAloneOnALineIsADegree() {
        let report = TestSupport.analyze("", """
            Basic Qualifications:
            Bachelor’s Degree
            Preferred Qualifications:
            Master's Degree
            """)
        let degrees = report.requirements.filter { $0.category == .education }
        #expect(degrees.map(\.priority) == [.must, .nice], "\(degrees.map(\.label))")
    }

    @Test func aRowOfAcronymsIsToolsAndAShoutedLineIsNot() {
        let found = labels("""
            Requirements
            - EJB JMS JTA JAXB
            - TRUSTED BY MILLIONS TO DISCOVER AND BUY THE RIGHT WINE
            """)
        for tool in ["ejb", "jta", "jaxb"] { #expect(found.contains { $0.contains(tool) }, "\(found)") }
        for word in ["trusted", "millions", "wine", "buy"] { #expect(!found.contains { $0.contains(word) }, "\(found)") }
    }

    @Test func languagesListedTogetherShareTheirCue() {
        let found = labels("""
            Requirements
            - Fluent English both written and spoken is a must while German Italian and French are considered as an advantage
            """)
        for language in ["english", "german", "italian", "french"] { #expect(found.contains(language), "\(found)") }
    }
}
