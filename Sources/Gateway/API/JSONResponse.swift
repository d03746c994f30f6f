import Foundation
import HTTPTypes
import Hummingbird
import IPC
import NIOCore

/// JSON in and out of handlers, with the contract's errors for bad bodies.
enum JSONBody {
    /// A response with `value` as its JSON body.
    static func response(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONEncoder.api.encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// The request's JSON object (an empty body counts as `{}`). Malformed JSON, a non-object,
    /// a non-JSON content type or an oversized body get their 4xx.
    static func object(_ request: Request, limit: Int = 1024 * 1024) async throws -> [String: JSONValue] {
        guard let value = try await value(request, limit: limit) else { return [:] }
        guard case .object(let object) = value else { throw APIError.invalidRequest("The body must be a JSON object.") }
        return object
    }

    /// The request's JSON value, nil for an empty body.
    static func value(_ request: Request, limit: Int = 1024 * 1024) async throws -> JSONValue? {
        if let type = request.headers[.contentType], !type.lowercased().hasPrefix("application/json") {
            throw APIError.unsupportedMediaType("Send a JSON body with Content-Type: application/json.")
        }
        let buffer = try await collect(request, limit: limit)
        guard buffer.readableBytes > 0 else { return nil }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError.invalidRequest("The body is not valid JSON.")
        }
    }

    static func collect(_ request: Request, limit: Int) async throws -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError.payloadTooLarge(limit: limit)
        }
        do {
            return try await request.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError.payloadTooLarge(limit: limit)
        }
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// A required string field.
    func string(_ key: String, maxLength: Int = 100_000) throws -> String {
        guard let value = self[key] else { throw APIError.invalidRequest("Missing field '\(key)'.", details: ["field": .string(key)]) }
        guard case .string(let text) = value else {
            throw APIError.invalidRequest("Field '\(key)' must be a string.", details: ["field": .string(key)])
        }
        guard text.count <= maxLength else {
            throw APIError.invalidRequest("Field '\(key)' is longer than \(maxLength) characters.", details: ["field": .string(key)])
        }
        return text
    }

    func optionalString(_ key: String, maxLength: Int = 100_000) throws -> String? {
        guard let value = self[key], value != .null else { return nil }
        return try string(key, maxLength: maxLength)
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = self[key], value != .null else { return nil }
        guard case .bool(let flag) = value else {
            throw APIError.invalidRequest("Field '\(key)' must be true or false.", details: ["field": .string(key)])
        }
        return flag
    }
}

extension JSONEncoder {
    static let api: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()
}

extension JSONEncoder {
    /// Compact, slashes unescaped: stored event payloads and approval arguments.
    static let compact: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    /// Sorted keys: a canonical form to compare JSON values (the repeated-call guard).
    static let sorted: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
