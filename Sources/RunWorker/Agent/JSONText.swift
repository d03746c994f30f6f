import Foundation
import JSONCore

/// JSON text → `JSONValue` for what a model or a trusted encoder wrote, with the worker's
/// rules on top of `JSONCore`: an empty argument string means `{}`, and a failure reads as a
/// sentence the model can act on.
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
            return try JSONValue.parse(trimmed)
        } catch {
            throw ParseError(message: "the arguments are not valid JSON (\(error.message) at byte \(error.offset))")
        }
    }

    /// Parses JSON bytes produced by a trusted encoder (a gap report).
    static func parse(_ data: Data) -> JSONValue? {
        try? JSONValue.parse(bytes: data)
    }
}
