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
            paths[route.path, default: [:]][route.method.rawValue.lowercased()] = operation(route)
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

    private static func operation(_ route: APIRoute) -> JSONValue {
        var entry: [String: JSONValue] = [
            "summary": .string(route.summary),
            "operationId": .string(operationId(route)),
            "responses": responses(route),
            "security": route.access == .open ? [] : [["bearer": []]],
        ]
        var parameters: [JSONValue] = route.parameters.map { parameter in
            ["name": .string(parameter.name), "in": "path", "required": true, "schema": parameter.schema.json]
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
            let schema = Schema.object(properties, required: [fileField], additionalProperties: true)
            entry["requestBody"] = ["required": true, "content": ["multipart/form-data": ["schema": schema.json]]]
        }
        return .object(entry)
    }

    private static func responses(_ route: APIRoute) -> JSONValue {
        let content: JSONValue
        switch route.output {
        case .json(let schema): content = ["application/json": ["schema": schema.json]]
        case .eventStream: content = ["text/event-stream": ["schema": ["type": "string"]]]
        case .bytes: content = ["*/*": ["schema": ["type": "string", "format": "binary"]]]
        case .text(let type): content = [.init(stringLiteral: type): ["schema": ["type": "string"]]]
        case .empty: content = .null
        }
        var success: [String: JSONValue] = ["description": "Success"]
        if content != .null { success["content"] = content }
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
        ]
        return .object(schemas.mapValues(\.json))
    }
}
