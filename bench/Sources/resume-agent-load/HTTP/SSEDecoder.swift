import NIOCore

/// One server-sent event, or a comment (`: ping`).
struct SSEMessage: Sendable {
    var id: String?
    var event: String?
    var data: [UInt8] = []
    var isComment = false
}

/// Incremental `text/event-stream` decoder over raw bytes (LF or CRLF lines), per the
/// WHATWG rules the contract relies on: `id:`, `event:`, `data:` (joined by LF), comments.
struct SSEDecoder {
    private var line: [UInt8] = []
    private var current = SSEMessage()
    private var hasData = false
    private var lastWasCR = false

    mutating func feed(_ buffer: ByteBuffer, into output: inout [SSEMessage]) {
        for byte in buffer.readableBytesView {
            if byte == 0x0A, lastWasCR {
                lastWasCR = false
                continue
            }
            lastWasCR = byte == 0x0D
            if byte == 0x0A || byte == 0x0D {
                endLine(into: &output)
            } else {
                line.append(byte)
            }
        }
    }

    private mutating func endLine(into output: inout [SSEMessage]) {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            if hasData || current.id != nil || current.event != nil { output.append(current) }
            current = SSEMessage()
            hasData = false
            return
        }
        if line[0] == UInt8(ascii: ":") {
            output.append(SSEMessage(isComment: true))
            return
        }
        let colon = line.firstIndex(of: UInt8(ascii: ":")) ?? line.endIndex
        let field = line[..<colon]
        var valueStart = colon < line.endIndex ? colon + 1 : colon
        if valueStart < line.endIndex, line[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
        let value = line[valueStart...]
        switch String(decoding: field, as: UTF8.self) {
        case "id": current.id = String(decoding: value, as: UTF8.self)
        case "event": current.event = String(decoding: value, as: UTF8.self)
        case "data":
            if hasData { current.data.append(0x0A) }
            current.data.append(contentsOf: value)
            hasData = true
        default: break
        }
    }
}
