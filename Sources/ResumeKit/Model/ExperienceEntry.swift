/// One position held: what, where, when, and what was done.
public struct ExperienceEntry: Codable, Sendable, Equatable {
    public var title: String
    public var employer: String?
    public var location: String?
    public var dates: DateRange?
    /// Prose under the header that is not a list item, if any.
    public var description: String?
    /// Achievement bullets, without their bullet glyphs.
    public var bullets: [String]

    public init(
        title: String, employer: String? = nil, location: String? = nil, dates: DateRange? = nil,
        description: String? = nil, bullets: [String] = []
    ) {
        self.title = title
        self.employer = employer
        self.location = location
        self.dates = dates
        self.description = description
        self.bullets = bullets
    }
}
