import Foundation

/// The shared fixtures (`../shared/fixtures` beside the repository).
enum Fixtures {
    static var root: URL {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { break }
        }
        return url.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
    }

    static func data(_ path: String) throws -> Data { try Data(contentsOf: root.appendingPathComponent(path)) }
    static func text(_ path: String) throws -> String { String(decoding: try data(path), as: UTF8.self) }
}

/// Session set-up shared by the API tests.
extension TestHTTPClient {
    func newSession(autoApprove: Bool = false) async throws -> String {
        let response = try await post("/api/v1/sessions", ["auto_approve": autoApprove])
        guard response.status == 201, let id = response.json["session_id"] as? String else {
            throw TimeoutError(what: "session creation (\(response.status) \(response.text))")
        }
        return id
    }

    /// A session with the fixture resume and JD in place (`jd_provided`).
    func preparedSession(resume: String = "resumes/alex-chen.md", jd: String = "jds/senior-backend-platform.txt", autoApprove: Bool = false) async throws -> String {
        let session = try await newSession(autoApprove: autoApprove)
        let name = (resume as NSString).lastPathComponent
        let type = name.hasSuffix(".pdf") ? "application/pdf" : name.hasSuffix(".docx")
            ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : "text/markdown"
        let upload = try await upload("/api/v1/sessions/\(session)/resume", file: try Fixtures.data(resume), filename: name, contentType: type)
        guard upload.status == 201 else { throw TimeoutError(what: "resume upload (\(upload.status) \(upload.text))") }
        let jdResponse = try await post("/api/v1/sessions/\(session)/jd", ["text": try Fixtures.text(jd)])
        guard jdResponse.status == 201 else { throw TimeoutError(what: "jd (\(jdResponse.status) \(jdResponse.text))") }
        return session
    }

    /// Posts a message and returns the run id.
    func message(_ session: String, _ content: String) async throws -> String {
        let response = try await post("/api/v1/sessions/\(session)/messages", ["content": content])
        guard response.status == 202, let run = response.json["run_id"] as? String else {
            throw TimeoutError(what: "message (\(response.status) \(response.text))")
        }
        return run
    }

    /// Reads a run's whole stream (until the server closes it).
    func collect(_ session: String, _ run: String, headers: [String: String] = [:], query: String = "") async throws -> [SSEEvent] {
        var events: [SSEEvent] = []
        for try await event in self.events("/api/v1/sessions/\(session)/runs/\(run)/stream\(query)", headers: headers) where !event.isComment {
            events.append(event)
        }
        return events
    }
}
