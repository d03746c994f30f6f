#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// The contract's journey through the real service on the built-in `local` provider:
/// upload, JD, analysis, approvals (approve, reject, auto), export, audit.
@Suite("API workflow", .serialized, .timeLimit(.minutes(3)))
struct APIWorkflowTests {
    @Test func approveAppliesRejectLeavesTheFileAndEverythingIsAudited() async throws {
        let service = try ServiceProcess(label: "appr")
        defer { service.terminate() }
        let client = try await service.client()
        let session = try await client.preparedSession()
        let original = try await client.get("/api/v1/sessions/\(session)/files/resume.md").text

        let analysis = try await client.collect(session, try await client.message(session, "Analyze my gaps"))
        #expect(analysis.last?.event == "run_completed")
        let gap = try await client.get("/api/v1/sessions/\(session)/files/analysis/gap.json")
        #expect(gap.status == 200)
        let state1005 = try await client.get("/api/v1/sessions/\(session)").json["state"] as? String
        #expect(state1005 == "gap_analyzed")

        let run = try await client.message(session, "Tailor my resume to this job")
        var seen: [SSEEvent] = []
        var decisions: [String: String] = [:]  // tool_call_id → approved/rejected
        for try await event in client.events("/api/v1/sessions/\(session)/runs/\(run)/stream") where !event.isComment {
            seen.append(event)
            guard event.event == "tool_call_proposed", event.payload["requires_approval"] as? Bool == true else { continue }
            let approval = try #require(event.payload["approval_id"] as? String)
            let callId = try #require(event.payload["tool_call_id"] as? String)
            let pending = try await client.get("/api/v1/sessions/\(session)/approvals").json["approvals"] as? [[String: Any]] ?? []
            #expect(pending.map { $0["approval_id"] as? String } == [approval])
            #expect((pending.first?["diff"] as? String)?.contains("+++ b/resume.md") == true)
            // Approve the first proposal, reject every later one.
            let approve = decisions.isEmpty
            let decided = try await client.post("/api/v1/sessions/\(session)/approvals/\(approval)/\(approve ? "approve" : "reject")", ["reason": "test decision"])
            #expect(decided.status == 200)
            #expect(decided.json["status"] as? String == (approve ? "approved" : "rejected"))
            let twice = try await client.post("/api/v1/sessions/\(session)/approvals/\(approval)/approve")
            #expect(twice.status == 409)
            decisions[callId] = approve ? "approved" : "rejected"
        }
        #expect(decisions.count >= 2, "the local provider proposes at least two edits for this fixture")
        #expect(seen.last?.event == "run_completed")
        for (callId, decision) in decisions {
            let forCall = seen.filter { ($0.payload["tool_call_id"] as? String) == callId }.map { $0.event ?? "" }
            if decision == "approved" {
                #expect(forCall == ["tool_call_proposed", "tool_call_approved", "tool_result"])
            } else {
                #expect(forCall == ["tool_call_proposed", "tool_call_rejected"])
            }
        }
        let approvedDiff = try await client.get("/api/v1/sessions/\(session)/approvals?status=all").json["approvals"] as? [[String: Any]] ?? []
        let approvedOne = try #require(approvedDiff.first { $0["status"] as? String == "approved" })
        let rewritten = try await client.get("/api/v1/sessions/\(session)/files/resume.md").text
        #expect(rewritten != original)
        // Only the approved diff's added lines are in the file; rejected ones are not.
        let added = (approvedOne["diff"] as? String ?? "").split(separator: "\n").filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }
        for line in added { #expect(rewritten.contains(line.dropFirst())) }
        for rejected in approvedDiff where rejected["status"] as? String == "rejected" {
            let lines = (rejected["diff"] as? String ?? "").split(separator: "\n").filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }
            #expect(lines.contains { !rewritten.contains($0.dropFirst()) })
        }
        let audit = try await client.get("/api/v1/sessions/\(session)/audit").json["audit"] as? [[String: Any]] ?? []
        let actions = audit.map { "\($0["action"] as? String ?? "") \($0["path"] as? String ?? "")" }
        #expect(actions.contains("approval_approved "))
        #expect(actions.contains("approval_rejected "))
        let resumeWrite = try #require(audit.last { $0["path"] as? String == "resume.md" && $0["actor"] as? String == "agent" })
        #expect(resumeWrite["before_sha256"] as? String != resumeWrite["after_sha256"] as? String)
        let state4832 = try await client.get("/api/v1/sessions/\(session)").json["state"] as? String
        #expect(state4832 == "rewrite_applied")

        // Undo: every applied change kept the previous version; restore the original.
        let versions = try await client.get("/api/v1/sessions/\(session)/versions").json["versions"] as? [[String: Any]] ?? []
        #expect(versions.count >= 2)
        #expect(versions.last?["current"] as? Bool == true)
        let restored = try await client.post("/api/v1/sessions/\(session)/versions/1/restore")
        #expect(restored.status == 200)
        #expect(try await client.get("/api/v1/sessions/\(session)/files/resume.md").text == original)
        let redo = try await client.post("/api/v1/sessions/\(session)/versions/\(versions.last?["version"] as? Int ?? 0)/restore")
        #expect(redo.status == 200)
        #expect(try await client.get("/api/v1/sessions/\(session)/files/resume.md").text == rewritten)
        #expect(try await client.post("/api/v1/sessions/\(session)/versions/99/restore").status == 404)

        // Export both formats; the artifacts are real documents.
        for format in ["pdf", "docx"] {
            let exported = try await client.post("/api/v1/sessions/\(session)/export", ["format": format])
            #expect(exported.status == 201)
            #expect(exported.json["state"] as? String == "exported")
            let bytes = try await client.get("/api/v1/sessions/\(session)/files/\(exported.json["path"] as? String ?? "")").body
            #expect(bytes.starts(with: format == "pdf" ? Data("%PDF".utf8) : Data([0x50, 0x4b])))
        }
    }

    @Test func autoApproveAppliesUnflaggedEditsWithoutAPerson() async throws {
        let service = try ServiceProcess(label: "auto")
        defer { service.terminate() }
        let client = try await service.client()
        let session = try await client.preparedSession(autoApprove: true)
        _ = try await client.collect(session, try await client.message(session, "Analyze my gaps"))
        let events = try await client.collect(session, try await client.message(session, "Tailor my resume"))
        let approvals = events.filter { $0.event == "tool_call_approved" }
        #expect(!approvals.isEmpty)
        #expect(approvals.allSatisfy { $0.payload["by"] as? String == "auto" })
        let pending = try await client.get("/api/v1/sessions/\(session)/approvals").json["approvals"] as? [Any] ?? []
        #expect(pending.isEmpty)
        let state6367 = try await client.get("/api/v1/sessions/\(session)").json["state"] as? String
        #expect(state6367 == "rewrite_applied")
        let toggled = try await client.post("/api/v1/sessions/\(session)/settings/auto-approve", ["enabled": false])
        #expect(toggled.json["auto_approve"] as? Bool == false)
    }

    @Test func workflowRefusesOutOfOrderStepsWith409() async throws {
        let service = try ServiceProcess(label: "flow")
        defer { service.terminate() }
        let client = try await service.client()
        let session = try await client.newSession()
        let early = try await client.post("/api/v1/sessions/\(session)/jd", ["text": String(repeating: "Senior engineer. ", count: 5)])
        #expect(early.status == 409)
        #expect(early.errorCode == "invalid_state_transition")
        let export = try await client.post("/api/v1/sessions/\(session)/export", ["format": "pdf"])
        #expect(export.status == 409)
        let cancelled = try await client.post("/api/v1/sessions/\(session)/cancel")
        #expect(cancelled.json["state"] as? String == "cancelled")
        let afterCancel = try await client.post("/api/v1/sessions/\(session)/messages", ["content": "hello"])
        #expect(afterCancel.status == 409)
        let history = try await client.get("/api/v1/sessions/\(session)/history").json["history"] as? [[String: Any]] ?? []
        #expect(history.map { $0["to"] as? String } == ["draft", "cancelled"])
    }
}
