import Testing
@testable import ResumeKit

/// The one date grammar reads ranges and "until now" words in every language the product
/// serves: English, German, French, Spanish, Portuguese, Italian, Dutch, Arabic, Chinese, Japanese.
@Suite("Dates in ten languages")
struct MultilingualDateTests {
    struct Case: Sendable, CustomStringConvertible {
        let text: String
        let start: YearMonth
        let end: YearMonth?
        let current: Bool
        var description: String { text }
    }

    static let cases: [Case] = [
        .init(text: "Jan 2020 – Present", start: .init(year: 2020, month: 1), end: nil, current: true),
        .init(text: "Since 2020", start: .init(year: 2020), end: nil, current: true),
        .init(text: "März 2019 – heute", start: .init(year: 2019, month: 3), end: nil, current: true),
        .init(text: "seit 2020", start: .init(year: 2020), end: nil, current: true),
        .init(text: "depuis 2019", start: .init(year: 2019), end: nil, current: true),
        .init(text: "janv. 2018 – aujourd'hui", start: .init(year: 2018, month: 1), end: nil, current: true),
        .init(text: "desde 2018", start: .init(year: 2018), end: nil, current: true),
        .init(text: "enero de 2019 – actualidad", start: .init(year: 2019, month: 1), end: nil, current: true),
        .init(text: "março 2017 – atual", start: .init(year: 2017, month: 3), end: nil, current: true),
        .init(text: "gennaio 2019 – oggi", start: .init(year: 2019, month: 1), end: nil, current: true),
        .init(text: "dal 2016", start: .init(year: 2016), end: nil, current: true),
        .init(text: "januari 2019 – heden", start: .init(year: 2019, month: 1), end: nil, current: true),
        .init(text: "sinds 2021", start: .init(year: 2021), end: nil, current: true),
        .init(text: "2019 – الآن", start: .init(year: 2019), end: nil, current: true),
        .init(text: "منذ 2020", start: .init(year: 2020), end: nil, current: true),
        .init(text: "يناير 2020 - حتى الآن", start: .init(year: 2020, month: 1), end: nil, current: true),
        .init(text: "٢٠١٧ - ٢٠١٩", start: .init(year: 2017), end: .init(year: 2019), current: false),
        .init(text: "2020年4月 – 現在", start: .init(year: 2020, month: 4), end: nil, current: true),
        .init(text: "2018年3月～2020年6月", start: .init(year: 2018, month: 3), end: .init(year: 2020, month: 6), current: false),
        .init(text: "2020.04 - 至今", start: .init(year: 2020, month: 4), end: nil, current: true),
    ]

    @Test(arguments: cases)
    func readsTheRange(_ c: Case) throws {
        let range = try #require(DateRange(parsing: c.text), "no range in \(c.text)")
        #expect(range.start == c.start)
        #expect(range.end == c.end)
        #expect(range.isCurrent == c.current)
        #expect(range.text == c.text)
    }

    @Test func allFindsEveryRangeInALine() {
        let ranges = DateRange.all(in: "Acme, 2015 – 2017 · Beta, 2018年3月～2020年6月")
        #expect(ranges.map(\.start) == [YearMonth(year: 2015), YearMonth(year: 2018, month: 3)])
    }

    @Test func wordsThatAreNotDatesStayText() {
        #expect(DateRange.all(in: "Managed 120 beds and 3000 patients a year").isEmpty)
        #expect(DateRange(parsing: "present") == nil)
    }
}
