import Foundation
import IPC

/// JSON text ⇄ `JSONValue`, for tool arguments (text from a model) and job results.
enum JSONText {
    /// Why a model's text is not JSON; the message is fed back to the model.
    struct ParseError: Error, Equatable {
        var message: String
    }

    /// Parses `text`; any failure is a ``ParseError`` with a short reason.
    static func parse(_ text: String) throws(ParseError) -> JSONValue {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // Models often send "" for a call without parameters.
        if trimmed.isEmpty { return .object([:]) }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(trimmed.utf8))
        } catch {
            throw ParseError(message: "the arguments are not valid JSON")
        }
    }

    /// Parses JSON bytes produced by a trusted encoder (a gap report).
    static func parse(_ data: Data) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Compact JSON with sorted keys: stable text for arguments and logs.
    static func render(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}

extension JSONValue {
    /// The members of an object, `nil` otherwise.
    var asObject: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The elements of an array, `nil` otherwise.
    var asArray: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    /// A number that is a whole integer in `Int` range, `nil` otherwise.
    var asInt: Int? {
        guard case .number(let value) = self, value.rounded() == value, abs(value) < 9e15 else { return nil }
        return Int(value)
    }
}
