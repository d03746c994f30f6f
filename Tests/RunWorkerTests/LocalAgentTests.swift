import Foundation
import IPC
import ResumeMatch
import ResumeRender
import Testing
@testable import RunWorker

@Suite struct LocalAgentTests {
    static func workspace(_ pair: (resume: String, jd: String)) throws -> [String: String] {
        ["resume.md": try Fixtures.text(pair.resume), "jd.md": try Fixtures.text(pair.jd)]
    }

    @Test(arguments: Fixtures.pairs)
    func analysisRunWritesTheReportAndStreamsASummary(_ pair: (resume: String, jd: String)) async throws {
        let channel = FakeRunChannel(files: try Self.workspace(pair))
        let end = try await Runs.executor().execute(try Runs.start(Runs.agentInput("Analyze my resume against this job")), channel: channel)
        #expect(end.outcome == .completed, "\(end.failure?.message ?? "")")

        let proposals = await channel.proposals
        #expect(proposals.map(\.tool) == ["read_resume", "read_job_description", "analyze_gap"])
        #expect(proposals.allSatisfy { !$0.requiresApproval })
        let results = await channel.results
        #expect(results.count == 3 && results.allSatisfy(\.ok))

        let resume = try Fixtures.text(pair.resume), jd = try Fixtures.text(pair.jd)
        let report = GapAnalyzer().analyze(resume: resume, jobDescription: jd, now: Fixtures.now)
        #expect(await channel.file("analysis/gap.json") == String(decoding: try report.jsonData(), as: UTF8.self))
        #expect(await channel.file("analysis/gap.md") == report.markdown)
        let analyzeId = proposals[2].toolCallId
        #expect(await channel.writes.filter { $0.path.hasPrefix("analysis/") }.allSatisfy { $0.toolCallId == analyzeId })
        #expect(results[2].summary.contains("Match score \(report.score.score)/100"))

        let text = await channel.text
        #expect(text.contains("**Match score: \(report.score.score)/100.**"))
        #expect(text.contains("Missing must-haves"))
        let deltas = await channel.deltas
        #expect(deltas.count > 20)
        #expect(deltas.allSatisfy { $0.count <= 80 })
        #expect(await !channel.eventKinds.contains("run_started"))
        let usages = await channel.usages
        #expect(!usages.isEmpty && usages.allSatisfy { $0.provider == "local" && $0.model == "local-deterministic" && $0.input > 0 })
        #expect(await channel.violations.isEmpty)
    }

    @Test func analysisNamesTheMissingMustHavesOfTheFixture() async throws {
        let channel = FakeRunChannel(files: try Self.workspace(Fixtures.pairs[0]))
        _ = try await Runs.executor().execute(try Runs.start(Runs.agentInput("what's my match score?")), channel: channel)
        let text = await channel.text
        for missing in ["Kubernetes", "Terraform"] { #expect(text.contains(missing)) }
    }

    @Test(arguments: Fixtures.pairs)
    func tailoringAppliesExactlyTheApprovedEdit(_ pair: (resume: String, jd: String)) async throws {
        let resume = try Fixtures.text(pair.resume), jd = try Fixtures.text(pair.jd)
        let report = GapAnalyzer().analyze(resume: resume, jobDescription: jd, now: Fixtures.now)
        let planned = RewritePlanner.propose(resume: resume, jd: jd, report: report)
        try #require(planned.count >= 2)

        let channel = FakeRunChannel(files: try Self.workspace(pair), decisions: [.approve, .reject("keep my order")], otherwise: .reject("no"))
        let end = try await Runs.executor().execute(try Runs.start(Runs.agentInput("Tailor my resume for this job", state: "gap_analyzed")), channel: channel)
        #expect(end.outcome == .completed, "\(end.failure?.message ?? "")")

        let edits = await channel.proposals.filter { $0.tool == "propose_resume_edit" }
        #expect(edits.count == planned.count)
        for (edit, plan) in zip(edits, planned) {
            #expect(edit.requiresApproval)
            #expect(edit.truthFlags.isEmpty)
            #expect(edit.diff?.hasPrefix("--- a/resume.md\n+++ b/resume.md\n@@ ") == true)
            #expect(edit.arguments["new_text"]?.stringValue == plan.newText)
        }
        #expect(edits.first?.diff == planned.first?.diff)
        // resume.md is the original with exactly the approved diff applied, and the preview follows it.
        #expect(await channel.file("resume.md") == planned[0].newResume)
        #expect(try UnifiedDiff.apply(try #require(edits[0].diff), to: resume) == planned[0].newResume)
        #expect(await channel.file("preview/resume.html") == PreviewRenderer.html(markdown: planned[0].newResume))

        // Rejected calls never executed and were never reported.
        let results = await channel.results
        let rejectedIds = Set(edits.dropFirst().map(\.toolCallId))
        #expect(results.allSatisfy { !rejectedIds.contains($0.toolCallId) })
        #expect(await channel.writes.allSatisfy { !rejectedIds.contains($0.toolCallId ?? "") })
        #expect(await channel.writes.filter { $0.path == "resume.md" }.map(\.toolCallId) == [edits[0].toolCallId])

        let text = await channel.text
        #expect(text.contains("1 of \(planned.count) change"))
        #expect(text.contains("rejected by the user: keep my order"))
        #expect(text.contains("before →"))
        #expect(await channel.violations.isEmpty)
    }

    @Test func tailoringFromJDProvidedAnalysesFirst() async throws {
        let channel = FakeRunChannel(files: try Self.workspace(Fixtures.pairs[0]))
        let end = try await Runs.executor().execute(try Runs.start(Runs.agentInput("Please rewrite my resume", state: "jd_provided")), channel: channel)
        #expect(end.outcome == .completed)
        let tools = await channel.proposals.map(\.tool)
        #expect(Array(tools.prefix(3)) == ["read_resume", "read_job_description", "analyze_gap"])
        #expect(tools.dropFirst(3).allSatisfy { $0 == "propose_resume_edit" })
        #expect(await channel.file("analysis/gap.json") != nil)
        // Approved all: every proposal applied in turn, and the text reports a score that did not drop.
        #expect(await channel.writes.filter { $0.path == "resume.md" }.count == tools.count - 3)
        let text = await channel.text
        #expect(text.contains("applied"))
        #expect(!text.contains("Kubernetes experience"))
    }

    @Test func aMissingResumeGetsAHelpfulAnswerNotAFailure() async throws {
        let channel = FakeRunChannel(files: ["jd.md": "Requirements:\n- Go\n"])
        let end = try await Runs.executor().execute(try Runs.start(Runs.agentInput("analyze", state: "draft")), channel: channel)
        #expect(end.outcome == .completed)
        #expect(await channel.text.contains("Upload your resume"))
        #expect(await channel.results.first { $0.tool == "read_resume" }?.ok == false)
    }

    @Test func anUnknownQuestionGetsTheCapabilities() async throws {
        let channel = FakeRunChannel(files: try Self.workspace(Fixtures.pairs[0]))
        let end = try await Runs.executor().execute(try Runs.start(Runs.agentInput("What's the weather in Lisbon?", state: "jd_provided")), channel: channel)
        #expect(end.outcome == .completed)
        #expect(await channel.proposals.isEmpty)
        let text = await channel.text
        #expect(text.contains("analyse") && text.contains("tailor") && text.contains("export"))
    }

    @Test func exportRequestWritesTheArtifactAsBase64() async throws {
        let channel = FakeRunChannel(files: try Self.workspace(Fixtures.pairs[0]))
        let end = try await Runs.executor().execute(try Runs.start(Runs.agentInput("export it as docx", state: "rewrite_applied")), channel: channel)
        #expect(end.outcome == .completed)
        let write = try #require(await channel.writes.first { $0.path == "exports/resume.docx" })
        #expect(write.base64)
        let data = try #require(await channel.file("exports/resume.docx").flatMap { Data(base64Encoded: $0) })
        #expect(data.starts(with: Array("PK".utf8)))
    }

    @Test func worksOnANonEnglishResume() async throws {
        let resume = """
        # Lucía Fernández

        Madrid · lucia@example.com

        ## Resumen

        Enfermera con 7 años de experiencia en cuidados intensivos.

        ## Experiencia

        ### Enfermera de UCI — Hospital La Paz, Madrid
        *Enero 2018 – Actualidad*

        - Atención a pacientes críticos en la UCI.
        - Formación de personal nuevo en protocolos de RCP.
        - Manejo de ventilación mecánica.

        ## Habilidades

        Excel, RCP, ventilación mecánica, cuidados intensivos
        """
        let jd = """
        Enfermera de cuidados intensivos

        Requisitos:
        - 5 años de experiencia en UCI
        - Ventilación mecánica
        - Certificación RCP
        """
        let channel = FakeRunChannel(files: ["resume.md": resume, "jd.md": jd])
        let end = try await Runs.executor().execute(try Runs.start(Runs.agentInput("Analiza mi currículum, por favor")), channel: channel)
        #expect(end.outcome == .completed)
        #expect(await channel.proposals.map(\.tool).contains("analyze_gap"))
        #expect(await channel.text.contains("Match score"))
    }
}
