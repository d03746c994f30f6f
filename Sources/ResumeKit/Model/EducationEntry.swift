/// One degree, diploma or course of study.
public struct EducationEntry: Codable, Sendable, Equatable {
    public var degree: String
    public var institution: String?
    public var location: String?
    public var dates: DateRange?
    /// Honours, thesis, coursework: list items without their bullet glyphs.
    public var details: [String]

    public init(
        degree: String, institution: String? = nil, location: String? = nil, dates: DateRange? = nil,
        details: [String] = []
    ) {
        self.degree = degree
        self.institution = institution
        self.location = location
        self.dates = dates
        self.details = details
    }
}
