import Foundation
import HTTPTypes
import Hummingbird
import IPC
import Store

/// `POST …/export`: renders `resume.md` in a worker into `exports/resume.<ext>`.
struct ExportResource: Sendable {
    let api: APIServices

    static let body = Schema.object(
        [("format", .enumeration(ExportFormat.allCases.map(\.rawValue))), ("page_size", .enumeration(PageSize.allCases.map(\.rawValue)))],
        required: ["format"])

    var routes: [APIRoute] {
        [
            APIRoute(
                method: .post, path: "/api/v1/sessions/{session_id}/export",
                summary: "Export the resume (\(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")))",
                parameters: [PathParameters.session], body: .json(Self.body, required: true), status: .created, output: .json(.ref("Exported"))
            ) { _, context, input in
                let format = ExportFormat(rawValue: input.json["format"]?.stringValue ?? "") ?? .pdf
                let pageSize = PageSize(rawValue: input.json["page_size"]?.stringValue ?? "") ?? .letter
                return JSONBody.response(try await export(tenant: try context.tenant(), id: try context.sessionId(), format: format, pageSize: pageSize), status: .created)
            }
        ]
    }

    func export(tenant: String, id: String, format: ExportFormat, pageSize: PageSize) async throws -> JSONValue {
        let session = try await api.session(tenant: tenant, id: id)
        try SessionWorkflow.check(.export, in: session)
        guard let markdown = await api.workspace.readText(sessionId: session.id, path: "resume.md") else { throw APIError.notFound("resume.md") }
        let exported = try await api.jobs.run(
            sessionId: id, .export(ExportRequest(markdown: markdown, format: format, pageSize: pageSize)), as: ExportRequest.Result.self)
        guard let data = Data(base64Encoded: exported.dataBase64) else {
            throw APIError(.unprocessableContent, "export_failed", "The export could not be produced.")
        }
        try await api.tenants.checkStorage(tenantId: tenant, adding: data.count)
        let path = try WorkspacePath("exports/resume.\(format.fileExtension)")
        try await api.workspace.write(sessionId: id, path: path, data: data, runId: nil, actor: "user", action: "exported")
        let applied = try await api.workflow.apply(.export, sessionId: id, cause: "exported")
        return ["path": .string(path.value), "format": .string(format.rawValue), "size": .number(Double(data.count)),
                "state": .string(applied.session.state.rawValue)]
    }
}
