import Foundation
import IPC

/// The OpenAPI 3.1 description of every route (kept true by a test that walks the router).
enum OpenAPIDocument {
    struct Operation {
        let method: String
        let path: String
        let summary: String
        let success: Int
        var auth = true
        var body: JSONValue? = nil
        var responseSchema: JSONValue = ["$ref": "#/components/schemas/Object"]
        var produces = "application/json"
    }

    static let operations: [Operation] = [
        Operation(method: "get", path: "/healthz", summary: "Health: store reachable and worker capacity", success: 200, auth: false),
        Operation(method: "get", path: "/metrics", summary: "Prometheus metrics", success: 200, auth: false, produces: "text/plain"),
        Operation(method: "get", path: "/api/v1/openapi.json", summary: "This document", success: 200, auth: false),
        Operation(method: "post", path: "/api/v1/sessions", summary: "Create a session", success: 201,
                  body: object(["auto_approve": ["type": "boolean"]]), responseSchema: ref("Session")),
        Operation(method: "get", path: "/api/v1/sessions/{session_id}", summary: "A session with its state, usage and history", success: 200, responseSchema: ref("Session")),
        Operation(method: "get", path: "/api/v1/sessions/{session_id}/history", summary: "Workflow transitions, each with its run", success: 200),
        Operation(method: "post", path: "/api/v1/sessions/{session_id}/cancel", summary: "Cancel the session (any state)", success: 200, responseSchema: ref("Session")),
        Operation(method: "post", path: "/api/v1/sessions/{session_id}/resume", summary: "Upload the resume (multipart field 'file': PDF, DOCX, Markdown, text)", success: 201,
                  body: ["multipart/form-data": ["schema": object(["file": ["type": "string", "format": "binary"]], required: ["file"])]]),
        Operation(method: "post", path: "/api/v1/sessions/{session_id}/jd", summary: "Provide the job description as text or a URL", success: 201,
                  body: object(["text": ["type": "string"], "url": ["type": "string", "format": "uri"]])),
        Operation(method: "post", path: "/api/v1/sessions/{session_id}/messages", summary: "Send a message; starts a run", success: 202,
                  body: object(["content": ["type": "string"]], required: ["content"]), responseSchema: object(["run_id": ["type": "string"]])),
        Operation(method: "get", path: "/api/v1/sessions/{session_id}/runs", summary: "Runs of the session", success: 200),
        Operation(method: "get", path: "/api/v1/sessions/{session_id}/runs/{run_id}", summary: "One run", success: 200),
        Operation(method: "get", path: "/api/v1/sessions/{session_id}/runs/{run_id}/stream", summary: "Server-sent events of a run (Last-Event-ID or ?after= to resume)", success: 200, produces: "text/event-stream"),
        Operation(method: "post", path: "/api/v1/sessions/{session_id}/runs/{run_id}/interrupt", summary: "Interrupt a run", success: 202),
        Operation(method: "get", path: "/api/v1/sessions/{session_id}/approvals", summary: "Pending approvals (?status=all for history)", success: 200),
        Operation(method: "post", path: "/api/v1/sessions/{session_id}/approvals/{approval_id}/approve", summary: "Approve a proposed write", success: 200,
                  body: object(["reason": ["type": "string"]])),
        Operation(method: "post", path: "/api/v1/sessions/{session_id}/approvals/{approval_id}/reject", summary: "Reject a proposed write", success: 200,
                  body: object(["reason": ["type": "string"]])),
        Operation(method: "post", path: "/api/v1/sessions/{session_id}/settings/auto-approve", summary: "Turn auto-approve of unflagged edits on or off", success: 200,
                  body: object(["enabled": ["type": "boolean"]], required: ["enabled"])),
        Operation(method: "get", path: "/api/v1/sessions/{session_id}/audit", summary: "Audit log: decisions and file mutations", success: 200),
        Operation(method: "get", path: "/api/v1/sessions/{session_id}/files", summary: "Workspace files", success: 200),
        Operation(method: "post", path: "/api/v1/sessions/{session_id}/files/upload", summary: "Upload a file into the workspace (multipart 'file', optional 'path')", success: 201,
                  body: ["multipart/form-data": ["schema": object(["file": ["type": "string", "format": "binary"], "path": ["type": "string"]], required: ["file"])]]),
        Operation(method: "get", path: "/api/v1/sessions/{session_id}/files/{path}", summary: "A workspace file's bytes", success: 200, produces: "application/octet-stream"),
        Operation(method: "get", path: "/api/v1/sessions/{session_id}/versions", summary: "Versions of resume.md (every applied change keeps the previous one)", success: 200),
        Operation(method: "post", path: "/api/v1/sessions/{session_id}/versions/{version}/restore", summary: "Undo: make an earlier version of resume.md current again", success: 200),
        Operation(method: "post", path: "/api/v1/sessions/{session_id}/export", summary: "Export the resume (pdf, docx, html, md)", success: 201,
                  body: object(["format": ["type": "string", "enum": ["pdf", "docx", "html", "md"]], "page_size": ["type": "string", "enum": ["letter", "a4"]]], required: ["format"])),
    ]

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    static func object(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        return .object(schema)
    }

    static let json: String = {
        var paths: [String: [String: JSONValue]] = [:]
        for operation in operations {
            var entry: [String: JSONValue] = [
                "summary": .string(operation.summary),
                "operationId": .string(operation.method + operation.path.replacingOccurrences(of: "/", with: "_")
                    .replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "").replacingOccurrences(of: "-", with: "_")),
                "responses": .object([
                    "\(operation.success)": [
                        "description": "Success",
                        "content": .object([operation.produces: ["schema": operation.produces == "application/json" ? operation.responseSchema : ["type": "string"]]]),
                    ],
                    "default": ["description": "Error", "content": ["application/json": ["schema": ref("Error")]]],
                ]),
            ]
            let parameters = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { name -> JSONValue in
                ["name": .string(String(name.dropFirst().dropLast())), "in": "path", "required": true, "schema": ["type": "string"]]
            }
            if !parameters.isEmpty { entry["parameters"] = .array(parameters) }
            if let body = operation.body {
                let content: JSONValue = body["multipart/form-data"] != nil ? body : ["application/json": ["schema": body]]
                entry["requestBody"] = ["required": .bool(operation.body?["required"] != nil), "content": content]
            }
            if operation.auth { entry["security"] = [["bearer": []]] } else { entry["security"] = [] }
            paths[operation.path, default: [:]][operation.method] = .object(entry)
        }
        let document: JSONValue = [
            "openapi": "3.1.0",
            "info": ["title": "Resume Agent API", "version": "1.0.0",
                     "description": "Upload a resume, give a job description, get an evidence-linked gap analysis, approve truthful rewrites, export."],
            "paths": .object(paths.mapValues { JSONValue.object($0) }),
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": [
                    "Object": ["type": "object"],
                    "Error": object(["error": object(["code": ["type": "string"], "message": ["type": "string"], "details": ["type": "object"]], required: ["code", "message"])], required: ["error"]),
                    "Session": object([
                        "session_id": ["type": "string"], "state": ["type": "string", "enum": ["draft", "resume_uploaded", "jd_provided", "gap_analyzed", "rewrite_applied", "exported", "cancelled"]],
                        "auto_approve": ["type": "boolean"], "created_at": ["type": "string", "format": "date-time"], "updated_at": ["type": "string", "format": "date-time"],
                        "usage": object(["input_tokens": ["type": "integer"], "output_tokens": ["type": "integer"], "cost_usd": ["type": "number"], "cost_cap_usd": ["type": "number"]]),
                        "active_run_id": ["type": ["string", "null"]],
                    ], required: ["session_id", "state", "auto_approve", "created_at", "updated_at", "usage", "active_run_id"]),
                ],
            ],
        ]
        return String(decoding: (try? JSONEncoder.api.encode(document)) ?? Data(), as: UTF8.self)
    }()
}
