/// Which implementation serves a provider entry: a tag naming a ``ProviderDescriptor``.
///
/// A string, not an enum, so adding a provider adds a descriptor and a factory instead of a case
/// every `switch` in the code base would have to learn.
public struct ProviderKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public var description: String { rawValue }
}
