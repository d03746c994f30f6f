import Foundation

extension JSONValue {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    /// `value` as JSON, with snake_case keys like every frame.
    public init(encoding value: some Encodable) throws {
        self = try Self.decoder.decode(JSONValue.self, from: try Self.encoder.encode(value))
    }

    /// This JSON as `type`, reading snake_case keys like every frame.
    public func decode<T: Decodable>(as type: T.Type) throws -> T {
        try Self.decoder.decode(type, from: try Self.encoder.encode(self))
    }
}
