import Foundation
import IPC

/// What a tool may touch: the workspace through the gateway (never the disk), on behalf of
/// one tool call.
///
/// Reads made while *planning* a call (before it is proposed) carry no tool call id, because
/// the gateway has not seen the call yet; reads and writes while *executing* carry it, so the
/// gateway can check that a write belongs to an approved call and audit it.
struct ToolContext: Sendable {
    enum Phase: Sendable { case planning, executing }

    let channel: any RunChannel
    let toolCallId: String
    let phase: Phase
    /// The date "Present" stands for in gap analysis.
    let now: Date

    /// Workspace files a model gets to read in full; longer content is cut with a note.
    static let maxReadCharacters = 100_000

    func executing() -> ToolContext {
        ToolContext(channel: channel, toolCallId: toolCallId, phase: .executing, now: now)
    }

    private var requestId: String? { phase == .executing ? toolCallId : nil }

    /// Reads a text file; a missing file is a ``ToolError`` saying so (`missing` adds what to do).
    func read(_ path: String, missing: String? = nil) async throws -> String {
        guard let content = try await readIfPresent(path) else {
            throw ToolError("\(path) does not exist in the workspace" + (missing.map { ": \($0)" } ?? "."))
        }
        return content
    }

    /// Reads a text file, or `nil` when the gateway says it does not exist.
    func readIfPresent(_ path: String) async throws -> String? {
        let response = try await channel.workspace(.read, path: path, toolCallId: requestId, content: nil, base64: false)
        if response.ok { return response.content ?? "" }
        if Self.isNotFound(response.error) { return nil }
        throw ToolError("could not read \(path): \(response.error?.message ?? "the workspace refused the read")")
    }

    /// Writes a file (text, or base64 of binary bytes) on behalf of this call.
    func write(_ path: String, content: String, base64: Bool = false) async throws {
        let response = try await channel.workspace(.write, path: path, toolCallId: toolCallId, content: content, base64: base64)
        guard response.ok else {
            throw ToolError("could not write \(path): \(response.error?.message ?? "the workspace refused the write")")
        }
    }

    /// The workspace's files.
    func list() async throws -> [WorkspaceFile] {
        let response = try await channel.workspace(.list, path: "", toolCallId: requestId, content: nil, base64: false)
        guard response.ok else {
            throw ToolError("could not list the workspace: \(response.error?.message ?? "the workspace refused")")
        }
        return response.files ?? []
    }

    /// The gateway answers a missing file with `not_found` (the HTTP contract's code).
    private static func isNotFound(_ fault: Fault?) -> Bool {
        guard let fault else { return false }
        return fault.code == "not_found" || fault.code == "file_not_found"
    }
}
