import Foundation
import HTTPTypes
import Hummingbird
import IPC
import Store

/// Versions of `resume.md` and undo: every applied change keeps the previous version.
struct VersionsResource: Sendable {
    let api: APIServices

    var routes: [APIRoute] {
        let session = PathParameters.session
        return [
            APIRoute(
                method: .get, path: "/api/v1/sessions/{session_id}/versions",
                summary: "Versions of resume.md (every applied change keeps the previous one)",
                parameters: [session], status: .ok, output: .json(.ref("Versions"))
            ) { _, context, _ in
                JSONBody.response(try await versions(tenant: try context.tenant(), id: try context.sessionId()))
            },
            APIRoute(
                method: .post, path: "/api/v1/sessions/{session_id}/versions/{version}/restore",
                summary: "Undo: make an earlier version of resume.md current again (as a new version)",
                parameters: [session, PathParameters.version], status: .ok, output: .json(.ref("Restored"))
            ) { _, context, _ in
                JSONBody.response(try await restore(tenant: try context.tenant(), id: try context.sessionId(), version: try context.parameter("version")))
            },
        ]
    }

    func versions(tenant: String, id: String) async throws -> JSONValue {
        let session = try await api.session(tenant: tenant, id: id)
        let earlier = try await api.store.versions(sessionId: session.id, path: "resume.md")
        var list: [JSONValue] = earlier.map { version in
            ["version": .number(Double(version.version)), "sha256": .string(version.sha256), "size": .number(Double(version.size)),
             "created_at": .string(version.createdAt), "current": false]
        }
        if let current = try await api.store.file(sessionId: session.id, path: "resume.md") {
            list.append(["version": .number(Double(current.version)), "sha256": .string(current.sha256), "size": .number(Double(current.size)),
                         "created_at": .string(current.updatedAt), "current": true])
        }
        return ["path": "resume.md", "versions": .array(list)]
    }

    /// Makes an earlier version of resume.md current again (as a new, audited version).
    func restore(tenant: String, id: String, version rawVersion: String) async throws -> JSONValue {
        let session = try await api.session(tenant: tenant, id: id)
        guard let version = Int(rawVersion), version >= 1 else { throw APIError.notFound("Version \(rawVersion.prefix(20)) of resume.md") }
        if let active = session.activeRunId { throw APIError.runInProgress(active) }
        try SessionWorkflow.check(.restoreVersion, in: session)
        guard let current = try await api.store.file(sessionId: session.id, path: "resume.md") else { throw APIError.notFound("resume.md") }
        let path = try WorkspacePath("resume.md")
        if version == current.version {
            return ["path": "resume.md", "version": .number(Double(current.version)), "restored_from": .number(Double(version)),
                    "state": .string(session.state.rawValue)]
        }
        let data: Data
        do { data = try api.workspace.readVersion(sessionId: session.id, path: path, version: version) } catch {
            throw APIError.notFound("Version \(version) of resume.md")
        }
        let record = try await api.workspace.write(sessionId: session.id, path: path, data: data, runId: nil, actor: "user", action: "resume_restored")
        await api.refreshPreview(sessionId: session.id, markdown: String(decoding: data, as: UTF8.self))
        let applied = try await api.workflow.apply(.restoreVersion, sessionId: session.id, cause: "resume_restored")
        return ["path": "resume.md", "version": .number(Double(record.version)), "restored_from": .number(Double(version)),
                "state": .string(applied.session.state.rawValue)]
    }
}
