import Foundation
import IPC
import Store

/// The contract's JSON shapes of stored records.
enum Views {
    static func session(_ session: SessionRecord, history: [TransitionRecord]? = nil) -> JSONValue {
        var object: [String: JSONValue] = [
            "session_id": .string(session.id),
            "state": .string(session.state.rawValue),
            "auto_approve": .bool(session.autoApprove),
            "created_at": .string(session.createdAt),
            "updated_at": .string(session.updatedAt),
            "usage": [
                "input_tokens": .number(Double(session.inputTokens)),
                "output_tokens": .number(Double(session.outputTokens)),
                "cost_usd": .number(session.costUsd),
                "cost_cap_usd": .number(session.costCapUsd),
            ],
            "active_run_id": session.activeRunId.map(JSONValue.string) ?? .null,
            "jd": session.jdJson.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) } ?? .null,
        ]
        if let history { object["history"] = .array(history.map(transition)) }
        return .object(object)
    }

    static func transition(_ record: TransitionRecord) -> JSONValue {
        [
            "from": record.fromState.map { .string($0.rawValue) } ?? .null, "to": .string(record.toState.rawValue),
            "run_id": record.runId.map(JSONValue.string) ?? .null, "cause": .string(record.cause), "at": .string(record.createdAt),
        ]
    }

    static func run(_ run: RunRecord) -> JSONValue {
        [
            "run_id": .string(run.id), "session_id": .string(run.sessionId), "content": .string(run.content),
            "status": .string(run.status.rawValue), "created_at": .string(run.createdAt),
            "ended_at": run.endedAt.map(JSONValue.string) ?? .null,
            "reason": run.terminalReason.map(JSONValue.string) ?? .null,
            "provider": run.provider.map(JSONValue.string) ?? .null, "model": run.model.map(JSONValue.string) ?? .null,
            "last_seq": .number(Double(run.lastSeq)),
            "usage": [
                "input_tokens": .number(Double(run.inputTokens)), "output_tokens": .number(Double(run.outputTokens)),
                "cost_usd": .number(run.costUsd),
            ],
        ]
    }

    static func approval(_ approval: ApprovalRecord) -> JSONValue {
        func parse(_ text: String, _ fallback: JSONValue) -> JSONValue {
            (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? fallback
        }
        return [
            "approval_id": .string(approval.id), "run_id": .string(approval.runId), "tool_call_id": .string(approval.toolCallId),
            "tool": .string(approval.tool), "arguments": parse(approval.arguments, [:]),
            "diff": approval.diff.map(JSONValue.string) ?? .null, "truth_flags": parse(approval.truthFlags, []),
            "status": .string(approval.status.rawValue), "created_at": .string(approval.createdAt),
            "decided_at": approval.decidedAt.map(JSONValue.string) ?? .null,
            "decided_by": approval.decidedBy.map { .string($0.rawValue) } ?? .null,
            "reason": approval.reason.map(JSONValue.string) ?? .null,
        ]
    }

    static func audit(_ record: AuditRecord) -> JSONValue {
        [
            "id": .number(Double(record.id ?? 0)), "run_id": record.runId.map(JSONValue.string) ?? .null,
            "actor": .string(record.actor), "action": .string(record.action),
            "path": record.path.map(JSONValue.string) ?? .null,
            "before_sha256": record.beforeSha256.map(JSONValue.string) ?? .null,
            "after_sha256": record.afterSha256.map(JSONValue.string) ?? .null,
            "details": record.details.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) } ?? .null,
            "at": .string(record.createdAt),
        ]
    }

    static func file(_ file: FileRecord) -> JSONValue {
        [
            "path": .string(file.path), "size": .number(Double(file.size)), "content_type": .string(file.contentType),
            "updated_at": .string(file.updatedAt), "version": .number(Double(file.version)), "sha256": .string(file.sha256),
        ]
    }
}
