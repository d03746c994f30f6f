#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Hummingbird
import MultipartKit
import NIOCore
import Store

/// A `multipart/form-data` upload, received as it streams in: the file part is written to a
/// staging file as its bytes arrive (never held whole in memory) and cut off at the limit;
/// small text fields are kept. The caller owns the staged file: it moves it into place or
/// calls ``discard()``.
struct MultipartUpload: Sendable {
    struct File: Sendable {
        /// The staged bytes (0600, in the data directory's staging folder).
        let path: String
        let filename: String?
        let contentType: String?
        let size: Int
        /// Digest of the bytes, computed as they arrived.
        let sha256: String

        /// The first bytes, for sniffing the real type.
        func prefix(_ count: Int) -> [UInt8] {
            guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
            defer { try? handle.close() }
            return Array((try? handle.read(upToCount: count)) ?? Data())
        }
    }

    var file: File?
    var fields: [String: String] = [:]

    func discard() {
        if let file { unlink(file.path) }
    }

    static func receive(_ request: Request, fileField: String, fields allowed: [String], limits: UploadLimits) async throws -> MultipartUpload {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data") else {
            throw APIError.unsupportedMediaType("Upload the file as multipart/form-data with a field named '\(fileField)'.")
        }
        guard let boundary = boundary(type) else { throw APIError.invalidRequest("The multipart body has no boundary.") }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limits.maxFileBytes + 64 * 1024 {
            throw APIError.payloadTooLarge(limit: limits.maxFileBytes)
        }
        let receiver = Receiver(fileField: fileField, allowed: Set(allowed), limits: limits, boundary: boundary)
        do {
            var sinceYield = 0
            for try await chunk in request.body {
                try receiver.consume(chunk)
                // Parsing is CPU work; when the body arrives faster than it is parsed, give the
                // other tasks (health answers, event streams) their turn every MiB.
                sinceYield += chunk.readableBytes
                if sinceYield >= 1 << 20 {
                    sinceYield = 0
                    await Task.yield()
                }
            }
            return try receiver.finish()
        } catch {
            receiver.abandon()
            throw error
        }
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

    /// Drives multipart-kit's push parser; one per request, used by one task only.
    private final class Receiver: @unchecked Sendable {
        let fileField: String
        let allowed: Set<String>
        let limits: UploadLimits
        let parser: MultipartParser
        var headers: [(String, String)] = []
        var current: Part?
        var parts = 0
        var upload = MultipartUpload()
        var failure: APIError?
        var completed = false

        enum Part {
            case file(StagedFileSink, disposition: ContentDisposition, contentType: String?)
            case field(name: String, bytes: [UInt8])
        }

        init(fileField: String, allowed: Set<String>, limits: UploadLimits, boundary: String) {
            self.fileField = fileField
            self.allowed = allowed
            self.limits = limits
            parser = MultipartParser(boundary: boundary)
            parser.onHeader = { [unowned self] name, value in headers.append((name, value)) }
            parser.onBody = { [unowned self] buffer in body(&buffer) }
            parser.onPartComplete = { [unowned self] in partComplete() }
        }

        func consume(_ chunk: ByteBuffer) throws {
            do {
                try parser.execute(chunk)
            } catch {
                throw APIError.invalidRequest("The multipart body is malformed.")
            }
            if let failure { throw failure }
        }

        func finish() throws -> MultipartUpload {
            if let failure { throw failure }
            guard completed, current == nil else {
                abandon()
                throw APIError.invalidRequest("The multipart body is truncated or has no parts.")
            }
            return upload
        }

        func abandon() {
            if case .file(let sink, _, _)? = current {
                sink.abandon()
            }
            current = nil
            upload.discard()
        }

        private func beginPart() {
            let disposition = headers.first { $0.0.lowercased() == "content-disposition" }.map { ContentDisposition($0.1) }
            let contentType = headers.first { $0.0.lowercased() == "content-type" }?.1
            headers = []
            parts += 1
            guard parts <= limits.maxParts else { return fail(.invalidRequest("Too many parts in the multipart body.")) }
            guard let disposition, let name = disposition.name else {
                return fail(.invalidRequest("Every part of the form needs a Content-Disposition with a name."))
            }
            if name == fileField, upload.file == nil {
                let path = (limits.stagingDirectory as NSString).appendingPathComponent(Identifier.make("upl"))
                guard let sink = StagedFileSink(path: path) else { return fail(Self.storageUnavailable) }
                current = .file(sink, disposition: disposition, contentType: contentType)
            } else if allowed.contains(name), disposition.filename == nil, upload.fields[name] == nil {
                current = .field(name: name, bytes: [])
            } else {
                // What the route does not take is refused, not silently dropped.
                return fail(.invalidRequest("Unexpected form field '\(name.prefix(60))'; send '\(fileField)'\(allowed.isEmpty ? "" : " and optionally " + allowed.sorted().joined(separator: ", ")).",
                                            details: ["field": .string(String(name.prefix(60)))]))
            }
        }

        private func body(_ buffer: inout ByteBuffer) {
            guard failure == nil else { return buffer.moveReaderIndex(to: buffer.writerIndex) }
            if current == nil { beginPart() }
            switch current {
            case .file(let sink, _, _)?:
                let count = buffer.readableBytes
                guard sink.size + count <= limits.maxFileBytes else { return fail(.payloadTooLarge(limit: limits.maxFileBytes)) }
                let written = buffer.withUnsafeReadableBytes { sink.append($0) }
                buffer.moveReaderIndex(forwardBy: count)
                guard written else { return fail(Self.storageUnavailable) }
            case .field(let name, var bytes)?:
                guard bytes.count + buffer.readableBytes <= limits.maxFieldBytes else {
                    return fail(.invalidRequest("The field '\(name)' is too long."))
                }
                bytes += buffer.readBytes(length: buffer.readableBytes) ?? []
                current = .field(name: name, bytes: bytes)
            case nil:
                buffer.moveReaderIndex(to: buffer.writerIndex)
            }
        }

        private func partComplete() {
            guard failure == nil else { return }
            if current == nil { beginPart() }  // a part with an empty body
            switch current {
            case .file(let sink, let disposition, let contentType)?:
                guard let sha256 = sink.finish() else { return fail(Self.storageUnavailable) }
                upload.file = File(path: sink.path, filename: disposition.filename, contentType: contentType, size: sink.size, sha256: sha256)
            case .field(let name, let bytes)?:
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    return fail(.invalidRequest("The field '\(name)' is not UTF-8 text."))
                }
                upload.fields[name] = text
            case nil:
                break
            }
            current = nil
            completed = true
        }

        private static let storageUnavailable = APIError(
            .serviceUnavailable, "storage_unavailable", "The upload could not be stored right now; try again.", retryAfterSeconds: 1)

        private func fail(_ error: APIError) {
            guard failure == nil else { return }
            failure = error
            abandon()
        }
    }
}
