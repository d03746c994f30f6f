import Foundation
import IPC
import Logging
import ServiceSupport
import Store

/// What the API's resources work with, built once per gateway. Every resource checks that a
/// session belongs to the caller's tenant through ``session(tenant:id:)``: another tenant's
/// session is "not found", never "forbidden".
struct APIServices: Sendable {
    let store: Store
    let workspace: Workspace
    let runs: RunManager
    let jobs: JobRunner
    let pool: WorkerPool
    let log: EventLog
    let limits: RunLimits
    let pricing: ProviderPricing
    let uploads: UploadLimits
    let fetchAllowList: [String]
    let tenants: TenantGuard
    let guardrails: GuardrailSettings
    let retention: Retention
    let clock: AnyClock
    let logger: Logger
    /// Uploads being received right now, and event streams open per tenant.
    let uploadsInFlight = Occupancy()
    let streams = Occupancy()
    var workflow: SessionWorkflow { SessionWorkflow(store: store) }

    /// The caller's session, or 404.
    func session(tenant: String, id: String) async throws -> SessionRecord {
        guard Identifier.isValid(id, prefix: "sess"), let session = try await store.session(id: id, tenantId: tenant) else {
            throw APIError.notFound("Session")
        }
        return session
    }

    /// One of the session's runs, or 404.
    func run(_ runId: String, of sessionId: String) async throws -> RunRecord {
        guard Identifier.isValid(runId, prefix: "run"), let run = try await store.run(id: runId, sessionId: sessionId) else {
            throw APIError.notFound("Run")
        }
        return run
    }

    /// Writes the rendered preview of `markdown` (a job on a worker); failures leave the old one.
    func refreshPreview(sessionId: String, markdown: String) async {
        guard let rendered = try? await jobs.run(sessionId: sessionId, .renderPreview(RenderPreviewRequest(markdown: markdown)), as: RenderPreviewRequest.Result.self) else {
            return
        }
        _ = try? await workspace.write(
            sessionId: sessionId, path: WorkspacePath("preview/resume.html"), data: Data(rendered.html.utf8), runId: nil, actor: "user",
            action: "preview_rendered")
    }
}

/// Path parameters shared by routes, with the patterns the server checks before any lookup.
enum PathParameters {
    static let session = APIRoute.Parameter(name: "session_id", schema: .string(maxLength: 64, pattern: "^sess_[A-Za-z0-9_]+$"))
    static let run = APIRoute.Parameter(name: "run_id", schema: .string(maxLength: 64, pattern: "^run_[A-Za-z0-9_]+$"))
    static let approval = APIRoute.Parameter(name: "approval_id", schema: .string(maxLength: 64, pattern: "^apr_[A-Za-z0-9_]+$"))
    static let version = APIRoute.Parameter(name: "version", schema: .string(maxLength: 9, pattern: "^[1-9][0-9]*$"))
    /// OpenAPI cannot say "the rest of the path": the document describes one component, and
    /// the server also takes several joined by `/` (`exports/resume.pdf`), each with the same rules.
    static let filePath = APIRoute.Parameter(
        name: "path", schema: WorkspacePath.componentSchema, catchAll: true,
        description: "A workspace path: components of up to 60 characters joined by '/', e.g. exports/resume.pdf; none empty or starting with '.', the first not starting with '~'; no control characters or backslash.")
}

extension APIContext {
    func sessionId() throws -> String { try parameter("session_id") }

    func parameter(_ name: String) throws -> String {
        guard let value = parameters.get(name) else { throw APIError.invalidRequest("Missing path parameter '\(name)'.") }
        return value
    }
}
