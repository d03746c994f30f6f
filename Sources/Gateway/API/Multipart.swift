import Foundation
import Hummingbird
import NIOCore

/// A minimal multipart/form-data reader (RFC 7578) for uploads: the body is read whole up to
/// a limit, then split on the boundary. Enough for one file plus a few small fields.
struct MultipartForm {
    struct Part {
        let name: String
        let filename: String?
        let contentType: String?
        let data: Data
    }

    let parts: [Part]

    func file(_ name: String) -> Part? { parts.first { $0.name == name && $0.filename != nil } ?? parts.first { $0.name == name } }
    func field(_ name: String) -> String? {
        parts.first { $0.name == name && $0.filename == nil }.flatMap { String(data: $0.data, encoding: .utf8) }
    }

    static func read(_ request: Request, limit: Int) async throws -> MultipartForm {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data") else {
            throw APIError.unsupportedMediaType("Upload the file as multipart/form-data with a field named 'file'.")
        }
        guard let boundary = Self.boundary(type) else { throw APIError.invalidRequest("The multipart body has no boundary.") }
        // Room for headers and boundaries around a file of exactly the limit.
        let buffer = try await JSONBody.collect(request, limit: limit + 64 * 1024)
        return try parse(Data(buffer.readableBytesView), boundary: boundary)
    }

    static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty || value.count > 200 ? nil : value
            }
        }
        return nil
    }

    static func parse(_ body: Data, boundary: String) throws -> MultipartForm {
        let delimiter = Data("--\(boundary)".utf8)
        var parts: [Part] = []
        var searchFrom = body.startIndex
        guard var start = body.range(of: delimiter, in: searchFrom..<body.endIndex)?.upperBound else {
            throw APIError.invalidRequest("The multipart body is malformed (no boundary found).")
        }
        while true {
            // After a boundary: "--" ends the body; otherwise CRLF then a part.
            if body[start...].starts(with: Data("--".utf8)) { break }
            guard body[start...].starts(with: Data("\r\n".utf8)) else {
                throw APIError.invalidRequest("The multipart body is malformed.")
            }
            let partStart = start + 2
            searchFrom = partStart
            guard let next = body.range(of: Data("\r\n".utf8) + delimiter, in: searchFrom..<body.endIndex) else {
                throw APIError.invalidRequest("The multipart body is truncated.")
            }
            let partData = body[partStart..<next.lowerBound]
            guard let headerEnd = partData.range(of: Data("\r\n\r\n".utf8)) else {
                throw APIError.invalidRequest("A multipart part has no headers.")
            }
            let headers = String(decoding: partData[partData.startIndex..<headerEnd.lowerBound], as: UTF8.self)
            let content = Data(partData[headerEnd.upperBound...])
            var name: String?
            var filename: String?
            var contentType: String?
            for line in headers.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    name = Self.parameter("name", in: line)
                    filename = Self.parameter("filename", in: line)
                } else if lower.hasPrefix("content-type:") {
                    contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                }
            }
            if let name { parts.append(Part(name: name, filename: filename, contentType: contentType, data: content)) }
            start = next.upperBound
            if parts.count > 20 { throw APIError.invalidRequest("Too many parts in the multipart body.") }
        }
        return MultipartForm(parts: parts)
    }

    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == key {
                var value = pair[1]
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                return value
            }
        }
        return nil
    }
}
