import Foundation
import IPC

/// The OpenAPI 3.1 description of every route, generated from the same route definitions and
/// schemas the server enforces.
enum OpenAPIDocument {
    static func json(_ routes: [APIRoute]) -> String {
        String(decoding: (try? JSONEncoder.api.encode(document(routes))) ?? Data(), as: UTF8.self)
    }

    static func document(_ routes: [APIRoute]) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for route in routes {
            paths[route.path, default: [:]][route.method.rawValue.lowercased()] = operation(route, links: links(from: route, in: routes))
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Resume Agent API", "version": "1.0.0",
                "description": "Upload a resume, give a job description, get an evidence-linked gap analysis, approve truthful rewrites, export.",
            ],
            "paths": .object(paths.mapValues { JSONValue.object($0) }),
            "components": ["securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]], "schemas": components],
        ]
    }

    /// Where the ids a route returns lead (OpenAPI links): a new session's id to every route
    /// under it, a new run's id to the routes of that run.
    private static func links(from route: APIRoute, in routes: [APIRoute]) -> [String: JSONValue] {
        let produced: (parameter: String, expression: String)?
        switch (route.method, route.path) {
        case (.post, "/api/v1/sessions"): produced = ("session_id", "$response.body#/session_id")
        case (.post, "/api/v1/sessions/{session_id}/messages"): produced = ("run_id", "$response.body#/run_id")
        default: produced = nil
        }
        guard let produced else { return [:] }
        var links: [String: JSONValue] = [:]
        for target in routes where target.parameters.contains(where: { $0.name == produced.parameter }) {
            var parameters: [String: JSONValue] = [produced.parameter: .string(produced.expression)]
            if produced.parameter == "run_id" { parameters["session_id"] = "$request.path.session_id" }
            guard target.parameters.allSatisfy({ parameters[$0.name] != nil }) else { continue }
            links[operationId(target)] = ["operationId": .string(operationId(target)), "parameters": .object(parameters)]
        }
        return links
    }

    private static func operation(_ route: APIRoute, links: [String: JSONValue]) -> JSONValue {
        var entry: [String: JSONValue] = [
            "summary": .string(route.summary),
            "operationId": .string(operationId(route)),
            "responses": responses(route, links: links),
            "security": route.access == .open ? [] : [["bearer": []]],
        ]
        var parameters: [JSONValue] = route.parameters.map { parameter in
            var entry: [String: JSONValue] = ["name": .string(parameter.name), "in": "path", "required": true, "schema": parameter.schema.json]
            if let description = parameter.description { entry["description"] = .string(description) }
            return .object(entry)
        }
        parameters += route.query.map { query in ["name": .string(query.name), "in": "query", "required": false, "schema": query.schema.json] }
        if !parameters.isEmpty { entry["parameters"] = .array(parameters) }
        switch route.body {
        case .none:
            break
        case .json(let schema, let required):
            entry["requestBody"] = ["required": .bool(required), "content": ["application/json": ["schema": schema.json]]]
        case .multipart(let fileField, let fields):
            var properties: [(String, Schema)] = [(fileField, .string(format: "binary"))]
            properties += fields
            let schema = Schema.object(properties, required: [fileField], additionalProperties: false)
            entry["requestBody"] = ["required": true, "content": ["multipart/form-data": ["schema": schema.json]]]
        }
        return .object(entry)
    }

    private static func responses(_ route: APIRoute, links: [String: JSONValue]) -> JSONValue {
        let content: JSONValue
        switch route.output {
        case .json(let schema): content = ["application/json": ["schema": schema.json]]
        case .eventStream: content = ["text/event-stream": ["schema": Schema.ref("ServerSentEvent").json]]
        case .bytes: content = ["*/*": ["schema": ["type": "string", "format": "binary"]]]
        case .binary(let type): content = [.init(stringLiteral: type): ["schema": ["type": "string", "format": "binary"]]]
        case .text(let type): content = [.init(stringLiteral: type): ["schema": ["type": "string"]]]
        case .empty: content = .null
        }
        var success: [String: JSONValue] = ["description": "Success"]
        if content != .null { success["content"] = content }
        if !links.isEmpty { success["links"] = .object(links) }
        if !route.headers.isEmpty {
            success["headers"] = .object(Dictionary(uniqueKeysWithValues: route.headers.map { ($0, ["schema": ["type": "string"]] as JSONValue) }))
        }
        return [
            .init(stringLiteral: "\(route.status.code)"): .object(success),
            "default": ["description": "An error in the contract's shape", "content": ["application/json": ["schema": Schema.ref("Error").json]]],
        ]
    }

    private static func operationId(_ route: APIRoute) -> String {
        route.method.rawValue.lowercased() + route.path
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "{", with: "")
            .replacingOccurrences(of: "}", with: "").replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_")
    }

    // MARK: Shared schemas (responses carry at least these fields; more are allowed)

    private static func shape(_ properties: [(String, Schema)], required: [String]? = nil) -> Schema {
        .object(properties, required: required ?? properties.map(\.0), additionalProperties: true)
    }

    private static let text = Schema.string()
    private static let optionalText = Schema.nullable(.string())
    private static let count = Schema.integer(minimum: 0)
    private static let usage = shape([("input_tokens", count), ("output_tokens", count), ("cost_usd", .number())])

    static var components: JSONValue {
        let states = Schema.enumeration(SessionState.allCases.map(\.rawValue))
        let schemas: [String: Schema] = [
            "Error": shape([("error", shape([("code", text), ("message", text), ("details", .any)], required: ["code", "message"]))]),
            "Session": shape([
                ("session_id", text), ("state", states), ("auto_approve", .boolean), ("created_at", .string(format: "date-time")),
                ("updated_at", .string(format: "date-time")),
                ("usage", shape([("input_tokens", count), ("output_tokens", count), ("cost_usd", .number()), ("cost_cap_usd", .number())])),
                ("active_run_id", optionalText),
            ]),
            "Transition": shape([("from", .nullable(states)), ("to", states), ("run_id", optionalText), ("cause", text), ("at", text)]),
            "Run": shape([
                ("run_id", text), ("session_id", text), ("status", .enumeration(RunStatus.allCases.map(\.rawValue))), ("created_at", text),
                ("ended_at", optionalText), ("usage", usage),
            ]),
            "Approval": shape([
                ("approval_id", text), ("run_id", text), ("tool_call_id", text), ("tool", text), ("arguments", .any),
                ("diff", optionalText), ("status", .enumeration(ApprovalStatus.allCases.map(\.rawValue))), ("created_at", text),
            ]),
            "AuditEntry": shape([("actor", text), ("action", text), ("path", optionalText), ("at", text)]),
            "File": shape([("path", text), ("size", count), ("content_type", text), ("updated_at", text)]),
            "Versions": shape([("path", text), ("versions", .array(shape([("version", .integer(minimum: 1)), ("current", .boolean)])))]),
            "Restored": shape([("path", text), ("version", .integer(minimum: 1)), ("restored_from", .integer(minimum: 1)), ("state", states)]),
            "Exported": shape([("path", text), ("format", .enumeration(ExportFormat.allCases.map(\.rawValue))), ("size", count), ("state", states)]),
            "ResumeUploaded": shape([("file", shape([("path", text), ("size", count), ("content_type", text)])), ("state", states)]),
            "JobDescriptionProvided": shape([("state", states), ("jd", shape([]))]),
            "Workflow": shape([("states", .array(states)), ("rules", .array(shape([("action", text), ("from", .array(states))])))]),
            "Health": shape([("status", text)]),
            "AdminUsage": AdminUsageReport.schema,
            "Readiness": shape([
                ("status", .enumeration(["ready", "unavailable"])), ("reasons", .array(text)),
                ("workers", shape([("idle", count), ("busy", count)])), ("queue", shape([("depth", count)])), ("active_runs", count),
            ]),
            // One event of the stream as a client parses it: `id`, `event` and the envelope as JSON text in `data`.
            "ServerSentEvent": shape([
                ("id", .string(pattern: "^evt_")), ("event", .enumeration(EventType.allCases.map(\.rawValue))), ("data", .string(minLength: 2)),
            ]),
        ]
        return .object(schemas.mapValues(\.json))
    }
}
