/// Skills, optionally under a label ("Languages: Go, Python").
public struct SkillGroup: Codable, Sendable, Equatable {
    public var name: String?
    public var items: [String]

    public init(name: String? = nil, items: [String]) {
        self.name = name
        self.items = items
    }
}
