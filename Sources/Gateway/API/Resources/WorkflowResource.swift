import HTTPTypes
import Hummingbird
import IPC

/// `GET /api/v1/workflow`: the session state machine, from the one table the server enforces
/// (the web page enables its steps from it instead of keeping its own copy).
struct WorkflowResource: Sendable {
    var routes: [APIRoute] {
        [
            APIRoute(
                method: .get, path: "/api/v1/workflow", summary: "The workflow: states in journey order and what each action does from where",
                status: .ok, output: .json(.ref("Workflow"))
            ) { _, _, _ in
                JSONBody.response(Self.document)
            }
        ]
    }

    static let document: JSONValue = [
        "states": .array(SessionState.allCases.map { .string($0.rawValue) }),
        "journey": .array(SessionState.journey.map { .string($0.rawValue) }),
        "rules": .array(Workflow.rules.map { rule in
            [
                "action": .string(rule.action.rawValue),
                "from": .array(SessionState.allCases.filter(rule.from.contains).map { .string($0.rawValue) }),
                "to": rule.to.map { .string($0.rawValue) } ?? .null,
            ]
        }),
        "export_formats": .array(ExportFormat.allCases.map { format in
            ["format": .string(format.rawValue), "label": .string(format.label), "content_type": .string(format.contentType)]
        }),
        "event_types": .array(EventType.allCases.map { ["type": .string($0.rawValue), "terminal": .bool($0.isTerminal)] }),
    ]
}
