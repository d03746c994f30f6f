#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A small HTTP/1.1 client over a real TCP socket to 127.0.0.1, for end-to-end tests:
/// requests with any method/body, Content-Length and chunked responses, and SSE streams
/// read incrementally. Blocking I/O runs on its own thread, never on the test's executor.
struct TestHTTPClient: Sendable {
    let port: Int
    var token: String?

    struct Response: Sendable {
        let status: Int
        let headers: [String: String]
        let body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:] }
        var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    }

    func request(
        _ method: String, _ path: String, json: Any? = nil, body: Data? = nil, contentType: String? = nil,
        headers: [String: String] = [:], timeout: Double = 30
    ) async throws -> Response {
        var payload = body
        var type = contentType
        if let json {
            payload = try JSONSerialization.data(withJSONObject: json)
            type = type ?? "application/json"
        }
        var allHeaders = headers
        if let token, allHeaders["Authorization"] == nil { allHeaders["Authorization"] = "Bearer \(token)" }
        if let type { allHeaders["Content-Type"] = type }
        let request = Self.encode(method: method, path: path, headers: allHeaders, body: payload)
        let port = self.port
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    let connection = try Connection(port: port, timeout: timeout)
                    defer { connection.close() }
                    do {
                        try connection.send(request)
                    } catch {
                        // A server may answer before the whole body is sent (a refused upload)
                        // and close; like curl, read the answer it gave.
                        guard let early = try? connection.readResponse() else { throw error }
                        return continuation.resume(returning: early)
                    }
                    continuation.resume(returning: try connection.readResponse())
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> Response {
        try await request("GET", path, headers: headers)
    }

    func post(_ path: String, _ json: Any = [String: Any]()) async throws -> Response {
        try await request("POST", path, json: json)
    }

    /// multipart/form-data upload of one file (plus optional text fields).
    func upload(
        _ path: String, file: Data, filename: String, contentType: String, fields: [String: String] = [:], timeout: Double = 30
    ) async throws -> Response {
        let boundary = "----ra\(UUID().uuidString.prefix(12))"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: \(contentType)\r\n\r\n".utf8))
        body.append(file)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return try await request("POST", path, body: body, contentType: "multipart/form-data; boundary=\(boundary)", timeout: timeout)
    }

    /// Opens an SSE stream; events arrive as they are sent. The stream ends when the server
    /// closes it (or the deadline passes).
    func events(_ path: String, headers: [String: String] = [:], timeout: Double = 30) -> AsyncThrowingStream<SSEEvent, any Error> {
        var allHeaders = headers
        if let token { allHeaders["Authorization"] = "Bearer \(token)" }
        allHeaders["Accept"] = "text/event-stream"
        let request = Self.encode(method: "GET", path: path, headers: allHeaders, body: nil)
        let port = self.port
        return AsyncThrowingStream { continuation in
            let thread = Thread {
                do {
                    let connection = try Connection(port: port, timeout: timeout)
                    defer { connection.close() }
                    try connection.send(request)
                    let head = try connection.readHead()
                    guard head.status == 200 else { throw SSEError.status(head.status) }
                    var parser = SSEParser()
                    try connection.readBody(head: head) { chunk in
                        for event in parser.feed(chunk) { continuation.yield(event) }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            thread.start()
        }
    }

    enum SSEError: Error { case status(Int) }

    static func encode(method: String, path: String, headers: [String: String], body: Data?) -> Data {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body?.count ?? 0)\r\n\r\n"
        return Data(head.utf8) + (body ?? Data())
    }
}

/// One server-sent event (`id`, `event`, `data`) or a comment (`: ping`).
struct SSEEvent: Sendable, Equatable {
    var id: String?
    var event: String?
    var data: String
    var isComment = false
    var envelope: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any]) ?? [:] }
    var seq: Int { envelope["seq"] as? Int ?? -1 }
    var payload: [String: Any] { envelope["payload"] as? [String: Any] ?? [:] }

    static func == (a: SSEEvent, b: SSEEvent) -> Bool { a.id == b.id && a.event == b.event && a.data == b.data && a.isComment == b.isComment }
}

struct SSEParser {
    private var buffer = ""
    private var current = SSEEvent(data: "")
    private var dataLines: [String] = []

    mutating func feed(_ chunk: Data) -> [SSEEvent] {
        buffer += String(decoding: chunk, as: UTF8.self)
        var events: [SSEEvent] = []
        while let newline = buffer.firstIndex(of: "\n") {
            let line = String(buffer[buffer.startIndex..<newline])
            buffer.removeSubrange(buffer.startIndex...newline)
            if line.isEmpty {
                if !dataLines.isEmpty || current.id != nil {
                    current.data = dataLines.joined(separator: "\n")
                    events.append(current)
                }
                current = SSEEvent(data: "")
                dataLines = []
            } else if line.hasPrefix(":") {
                events.append(SSEEvent(data: String(line.dropFirst()).trimmingCharacters(in: .whitespaces), isComment: true))
            } else if line.hasPrefix("id: ") {
                current.id = String(line.dropFirst(4))
            } else if line.hasPrefix("event: ") {
                current.event = String(line.dropFirst(7))
            } else if line.hasPrefix("data: ") {
                dataLines.append(String(line.dropFirst(6)))
            }
        }
        return events
    }
}

/// A blocking socket with an HTTP/1.1 response reader (Content-Length, chunked, or EOF).
final class Connection {
    let fd: Int32
    private var pending = Data()

    struct Head {
        let status: Int
        let headers: [String: String]
    }

    init(port: Int, timeout: Double) throws {
        fd = try Self.connect(port: port, receiveTimeoutSeconds: Int(timeout))
    }

    /// A TCP socket connected to 127.0.0.1:`port`, reads timing out after the given seconds.
    static func connect(port: Int, receiveTimeoutSeconds: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var tv = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            Glibc.close(fd)
            throw TimeoutError(what: "connect to 127.0.0.1:\(port)")
        }
        return fd
    }

    func close() { Glibc.close(fd) }

    func send(_ data: Data) throws {
        try data.withUnsafeBytes { buffer in
            var sent = 0
            while sent < buffer.count {
                let n = Glibc.send(fd, buffer.baseAddress! + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
                if n <= 0 { throw TimeoutError(what: "send") }
                sent += n
            }
        }
    }

    private func fill() throws -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &buffer, buffer.count, 0)
        if n < 0 { throw TimeoutError(what: "recv (errno \(errno))") }
        if n == 0 { return false }
        pending.append(contentsOf: buffer[0..<n])
        return true
    }

    private func readLine() throws -> String? {
        while true {
            if let range = pending.range(of: Data("\r\n".utf8)) {
                let line = String(decoding: pending[pending.startIndex..<range.lowerBound], as: UTF8.self)
                pending.removeSubrange(pending.startIndex..<range.upperBound)
                return line
            }
            guard try fill() else { return nil }
        }
    }

    func readHead() throws -> Head {
        guard let statusLine = try readLine(), let status = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
            throw TimeoutError(what: "status line")
        }
        var headers: [String: String] = [:]
        while let line = try readLine(), !line.isEmpty {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return Head(status: status, headers: headers)
    }

    func readBody(head: Head, onChunk: (Data) -> Void) throws {
        if head.headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            while let sizeLine = try readLine() {
                guard let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16) else { throw TimeoutError(what: "chunk size") }
                if size == 0 { _ = try readLine(); return }
                while pending.count < size + 2 { guard try fill() else { throw TimeoutError(what: "chunk body") } }
                onChunk(pending.prefix(size))
                pending.removeSubrange(pending.startIndex..<(pending.startIndex + size + 2))
            }
        } else if let length = head.headers["content-length"].flatMap(Int.init) {
            while pending.count < length { guard try fill() else { break } }
            onChunk(pending.prefix(length))
        } else {
            if !pending.isEmpty { onChunk(pending) }
            pending.removeAll()
            while try fill() {
                onChunk(pending)
                pending.removeAll()
            }
        }
    }

    func readResponse() throws -> TestHTTPClient.Response {
        let head = try readHead()
        var body = Data()
        try readBody(head: head) { body.append($0) }
        return TestHTTPClient.Response(status: head.status, headers: head.headers, body: body)
    }
}
