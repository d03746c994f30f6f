import ResumeKit
import Testing
@testable import ResumeMatch

/// Experience years come from ResumeKit's one date grammar, read through its resume model.
@Suite struct DateRangeTests {
    private let now = YearMonth(year: 2024, month: 6)

    private func timeline(_ markdown: String) -> ExperienceTimeline {
        ExperienceTimeline(resume: ResumeText(markdown), now: now)
    }

    @Test(arguments: [
        ("Jan 2020 – Present", 2020, 1, 2024, 6),
        ("*March 2021 – Present*", 2021, 3, 2024, 6),
        ("Seattle, WA | 03/2018 – 06/2020", 2018, 3, 2020, 6),
        ("2018-03 to 2020-06", 2018, 3, 2020, 6),
        ("Enero 2020 – Actualidad", 2020, 1, 2024, 6),
        ("Sept. 2015 - Aug. 2017", 2015, 9, 2017, 8),
        ("März 2019 – heute", 2019, 3, 2024, 6),
        ("Since 2020", 2020, 6, 2024, 6),
    ])
    func experienceSpansReadCommonFormats(_ c: (String, Int, Int, Int, Int)) throws {
        let t = timeline("# Sam Doe\n\n## Experience\n\n### Engineer — Acme\n\(c.0)\n\n- Built the billing service.\n")
        let span = try #require(t.spans.first, "no span in \(c.0)")
        #expect(span.start.monthOrdinal == YearMonth(year: c.1, month: c.2).monthOrdinal)
        #expect(span.end.monthOrdinal == YearMonth(year: c.3, month: c.4).monthOrdinal)
        #expect(span.line == 6)
    }

    @Test func yearOnlyRangesCountWholeYearsBetween() throws {
        let t = timeline("# Sam Doe\n\n## Experience\n\n### Engineer — Acme\n2019 – 2021\n\n- Built things.\n")
        #expect(try #require(t.spans.first).months == 25)  // mid-2019 to mid-2021, both months counted
    }

    @Test func overlappingJobsAreCountedOnceAndEducationIsNotWork() {
        let t = timeline("""
            # Sam Doe

            ## Experience

            ### A — X
            Jan 2020 – Dec 2021

            - Ran the payroll system.

            ### B — Y
            Jan 2021 – Dec 2021

            - Ran the night shift.

            ### C — Z
            Jan 2023 – Present

            - Runs the warehouse.

            ## Education

            ### B.Sc. — University
            2010 – 2014
            """)
        #expect(t.totalMonths == 24 + 18)
    }

    @Test func numbersThatAreNotDatesAreIgnored() {
        #expect(DateRange.all(in: "Served 4,000 requests per second at p99 under 40 ms").isEmpty)
        #expect(DateRange.all(in: "Cut detection time from 25 to 6 minutes").isEmpty)
    }
}
