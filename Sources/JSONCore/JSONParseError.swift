/// Why a JSON text could not be read, with the byte offset, worded for a person reading a log
/// (or a model reading why its tool arguments were refused).
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) at byte \(offset)" }
}
