import Foundation
import HTTPTypes
import Hummingbird
import IPC
import Store

/// `POST …/jd`: the job description as text, or a link fetched server-side by a worker with
/// the SSRF-checked fetcher (no private, loopback or link-local address unless allow-listed).
struct JobDescriptionResource: Sendable {
    let api: APIServices

    /// At least 20 characters between the first and last non-blank one.
    static let text = Schema.string(maxLength: 100_000, pattern: "[^ \\t\\n\\r][\\s\\S]{18,}[^ \\t\\n\\r]")
    /// An http(s) link a URL parser accepts as it is.
    static let url = Schema.string(
        maxLength: 2048,
        pattern: "^https?://([A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?([/?#]([A-Za-z0-9._~:/?#@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*)?$",
        format: "uri")
    static let body = Schema.oneOf([
        .object([("text", text)], required: ["text"]),
        .object([("url", url)], required: ["url"]),
    ])
    static let blanks = CharacterSet(charactersIn: " \t\n\r")

    var routes: [APIRoute] {
        [
            APIRoute(
                method: .post, path: "/api/v1/sessions/{session_id}/jd", summary: "Provide the job description as text or as a link",
                parameters: [PathParameters.session], body: .json(Self.body, required: true), status: .created,
                output: .json(.ref("JobDescriptionProvided"))
            ) { _, context, input in
                JSONBody.response(try await provide(tenant: try context.tenant(), id: try context.sessionId(), body: input.json), status: .created)
            }
        ]
    }

    func provide(tenant: String, id: String, body: [String: JSONValue]) async throws -> JSONValue {
        let session = try await api.session(tenant: tenant, id: id)
        try SessionWorkflow.check(.provideJobDescription, in: session)
        var metadata: [String: JSONValue] = ["path": "jd.md"]
        let text: String
        if let url = body["url"]?.stringValue {
            guard URL(string: url)?.host != nil else { throw APIError.invalidRequest("'url' must be an http(s) link.") }
            let fetched = try await api.jobs.fetchJobDescription(
                sessionId: id, FetchJobDescriptionRequest(url: url, allowList: api.fetchAllowList))
            text = fetched.text.trimmingCharacters(in: Self.blanks)
            guard !text.isEmpty else {
                throw APIError(.unprocessableContent, "fetch_failed", "The page has no readable text; paste the job description instead.")
            }
            metadata["source"] = "url"
            metadata["url"] = .string(url)
            if let title = fetched.title { metadata["title"] = .string(title) }
        } else {
            text = (body["text"]?.stringValue ?? "").trimmingCharacters(in: Self.blanks)
            metadata["source"] = "text"
        }
        if metadata["title"] == nil {
            let firstLine = text.split(separator: "\n").first.map { String($0.prefix(200)).trimmingCharacters(in: .whitespaces) }
            metadata["title"] = firstLine.map(JSONValue.string) ?? .null
        }
        metadata["length"] = .number(Double(text.count))
        try await api.workspace.write(sessionId: id, path: WorkspacePath("jd.md"), data: Data(text.utf8), runId: nil, actor: "user", action: "jd_provided")
        let stored = String(decoding: try JSONEncoder.api.encode(JSONValue.object(metadata)), as: UTF8.self)
        let applied = try await api.workflow.apply(.provideJobDescription, sessionId: id, cause: "jd_provided", update: { $0.jdJson = stored })
        return ["state": .string(applied.session.state.rawValue), "jd": .object(metadata)]
    }
}
