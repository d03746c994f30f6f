import Foundation

/// One virtual user doing complete journeys until the load window closes: create a session,
/// upload a resume, give a job description, read the imported resume, ask for a gap analysis
/// (a read-only tool), ask for a rewrite (a proposed edit, approved), chat (sometimes a note
/// the model wants to write, approved or rejected), export, list the files; then a new
/// session. Think time between steps. Runs that a chaos kill failed are sent again, as a
/// person would.
struct VirtualUser: Sendable {
    let index: Int
    let plan: LoadPlan
    let api: ServiceAPI
    let runs: RunDriver
    let fixtures: Fixtures
    let ledger: Ledger
    let stopAt: ContinuousClock.Instant
    /// With `chatOnly` plans: the session prepared before the window.
    var preparedSession: String?

    private var recorder: Recorder { api.recorder }
    private var stopping: Bool { ContinuousClock.now >= stopAt }

    func run() async {
        if let session = preparedSession {
            await chat(session)
            return
        }
        var journey = 0
        while !stopping {
            do {
                try await self.journey(journey)
                recorder.count("journeys completed")
            } catch is CancellationError {
                return
            } catch {
                recorder.count("journeys abandoned after an error")
                // Let a broken step not spin: think before the next journey.
                await think()
            }
            journey += 1
        }
    }

    private func journey(_ number: Int) async throws {
        let session = try await api.createSession()
        ledger.session(session)
        await think()
        let resume = fixtures.resumes[(index + number) % fixtures.resumes.count]
        try await api.uploadResume(session, resume)
        ledger.file(Ledger.FileEntry(sessionId: session, path: "resume.md"))
        guard !stopping else { return }
        await think()
        let jd = fixtures.jobDescriptions[(index + number) % fixtures.jobDescriptions.count]
        try await api.giveJobDescription(session, jd)
        ledger.file(Ledger.FileEntry(sessionId: session, path: "jd.md", content: nil))
        guard !stopping else { return }
        await think()

        var rewritten = false
        for step in 0..<plan.messagesPerJourney {
            guard !stopping else { return }
            switch step {
            case 0:
                _ = try await send(session, message(text: "How well does my resume match this job?", calls: [.init(name: "analyze_gap")]))
            case 1:
                rewritten = try await rewrite(session)
            default:
                _ = try await send(session, chatMessage(session, journey: number, step: step))
            }
            await think()
        }
        guard !stopping else { return }
        if rewritten {
            let format = ["md", "html", "docx", "pdf"][(index + number) % 4]
            let answer = try await api.export(session, format: format)
            if answer.status == 201, let path = answer.json["path"] as? String {
                ledger.file(Ledger.FileEntry(sessionId: session, path: path))
            } else if !api.chaos {
                throw api.fail("POST /sessions/{id}/export", answer)
            } else {
                recorder.count("exports refused after chaos (state)")
            }
            await think()
        }
        _ = try await api.listFiles(session)
    }

    /// Chat only, on a prepared session: messages back to back with think time, a note now and
    /// then, until the window closes.
    private func chat(_ session: String) async {
        var step = 0
        while !stopping {
            do {
                _ = try await send(session, chatMessage(session, journey: 0, step: step))
            } catch {
                recorder.count("chat messages abandoned after an error")
            }
            step += 1
            await think()
        }
    }

    private func chatMessage(_ session: String, journey number: Int, step: Int) -> RunDriver.Message {
        guard Double.random(in: 0..<1) < plan.noteProbability else {
            return message(text: "Which of my projects should I lead with?", calls: [])
        }
        let path = "notes/u\(index)-j\(number)-s\(step).md"
        let content = "Talking points for the interview (user \(index), journey \(number), step \(step)).\n"
        var m = message(text: "Draft my talking points as a note.", calls: [.init(name: "write_file", arguments: ["path": path, "content": content])])
        m.decision = Double.random(in: 0..<1) < plan.rejectProbability ? .reject : .approve
        m.expectedFiles = [Ledger.FileEntry(sessionId: session, path: path, content: content)]
        return m
    }

    /// Reads the imported resume (as the preview pane does) and proposes a truthful edit of it;
    /// the edit is approved. Returns whether it was applied.
    private func rewrite(_ session: String) async throws -> Bool {
        for _ in 0..<plan.resendAttempts {
            let markdown = try await api.file(session, "resume.md", route: "GET /sessions/{id}/files/resume.md")
            guard let edit = ResumeEditPicker.edit(of: markdown) else {
                recorder.count("resumes with no line to edit")
                return false
            }
            var m = message(
                text: "Tighten this line of my resume.",
                calls: [.init(name: "propose_resume_edit", arguments: ["old_text": edit.old, "new_text": edit.new, "rationale": "Consistent punctuation."])])
            m.expectedFiles = [Ledger.FileEntry(sessionId: session, path: "resume.md", mustContain: edit.new)]
            let outcome = try await runs.send(session, m, modelTTFT: .milliseconds(plan.model.ttftMs ?? 0))
            if outcome.isChaosCasualty, api.chaos {
                recorder.count("runs resent after a chaos kill")
                continue
            }
            return outcome.terminal == "run_completed" && outcome.approvalsDecided > 0
        }
        return false
    }

    /// Sends a message; a run a chaos kill failed is sent again (up to the plan's attempts).
    private func send(_ session: String, _ message: RunDriver.Message) async throws -> RunDriver.Outcome {
        var outcome = RunDriver.Outcome()
        for attempt in 0..<plan.resendAttempts {
            outcome = try await runs.send(session, message, modelTTFT: .milliseconds(message.directive.ttftMs ?? 0))
            guard api.chaos, outcome.isChaosCasualty, attempt + 1 < plan.resendAttempts, !stopping else { break }
            recorder.count("runs resent after a chaos kill")
        }
        return outcome
    }

    private func message(text: String, calls: [ModelDirective.Call]) -> RunDriver.Message {
        var directive = plan.model
        directive.calls = calls.isEmpty ? nil : calls
        return RunDriver.Message(text: text, directive: directive)
    }

    private func think() async {
        let ms = Int.random(in: plan.thinkMs)
        if ms > 0 { try? await Task.sleep(for: .milliseconds(ms)) }
    }
}
