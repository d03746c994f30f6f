import Testing
@testable import ResumeMatch

@Suite struct DateRangeTests {
    private let now = YearMonth(year: 2024, month: 6)

    private func ranges(_ line: String) -> [DateRange] {
        DateRangeParser.ranges(in: Tokenizer.tokenize(line), line: line, lineNumber: 1, now: now)
    }

    @Test(arguments: [
        ("Jan 2020 – Present", 2020, 1, 2024, 6),
        ("*March 2021 – Present*", 2021, 3, 2024, 6),
        ("Seattle, WA | 03/2018 – 06/2020", 2018, 3, 2020, 6),
        ("2018-03 to 2020-06", 2018, 3, 2020, 6),
        ("Enero 2020 – Actualidad", 2020, 1, 2024, 6),
        ("Sept. 2015 - Aug. 2017", 2015, 9, 2017, 8),
        ("März 2019 – heute", 2019, 3, 2024, 6),
    ])
    func parsesCommonFormats(_ c: (String, Int, Int, Int, Int)) throws {
        let r = try #require(ranges(c.0).first, "no range in \(c.0)")
        #expect(r.start == YearMonth(year: c.1, month: c.2))
        #expect(r.end == YearMonth(year: c.3, month: c.4))
    }

    @Test func yearOnlyRangesCountWholeYearsBetween() throws {
        let r = try #require(ranges("2019 – 2021").first)
        #expect(r.months == 25)  // mid-2019 to mid-2021, both months counted
    }

    @Test func overlappingJobsAreCountedOnce() {
        let resume = ResumeText("""
            ## Experience
            ### A — X
            Jan 2020 – Dec 2021
            ### B — Y
            Jan 2021 – Dec 2021
            ### C — Z
            Jan 2023 – Present
            ## Education
            2010 – 2014
            """, lexicon: .bundled)
        let timeline = ExperienceTimeline(resume: resume, now: now)
        #expect(timeline.totalMonths == 24 + 18)
    }

    @Test func numbersThatAreNotDatesAreIgnored() {
        #expect(ranges("Served 4,000 requests per second at p99 under 40 ms").isEmpty)
        #expect(ranges("Cut detection time from 25 to 6 minutes").isEmpty)
    }
}
