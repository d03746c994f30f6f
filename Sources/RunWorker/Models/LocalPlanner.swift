import Contract
import Foundation
import JSONCore
import Providers
import ResumeMatch

/// The local engine's decisions: from the person's intent and what this run has done so far, the
/// next turn. Each journey is a fixed sequence of tool calls ending in a streamed answer.
struct LocalPlanner: Sendable {
    let state: SessionState?
    let now: Date

    /// States in which a gap analysis already exists, so tailoring does not redo it.
    static let analyzedStates: Set<SessionState> = [.gapAnalyzed, .rewriteApplied, .exported]

    func turn(_ progress: LocalRunProgress) -> LocalTurn {
        switch LocalIntent(message: progress.message) {
        case .help: LocalTurn(text: LocalAnswers.help(state: state))
        case .analyze: analyzeTurn(progress)
        case .tailor: tailorTurn(progress)
        case .export(let format): exportTurn(progress, format: format)
        }
    }

    // MARK: Journeys

    private func analyzeTurn(_ progress: LocalRunProgress) -> LocalTurn {
        let inputs: (resume: String, jd: String)
        switch readInputs(progress, intro: "I'll compare your resume with the job description.\n\n") {
        case .next(let turn): return turn
        case .ready(let resume, let jd): inputs = (resume, jd)
        }
        guard let analysis = progress.last("analyze_gap") else {
            return .call("analyze_gap", id: callId(progress, 0))
        }
        if let failure = Self.failure(analysis) { return LocalTurn(text: LocalAnswers.failed("analyse the match", failure)) }
        return LocalTurn(text: LocalAnswers.analysis(analyze(inputs.resume, inputs.jd)))
    }

    private func tailorTurn(_ progress: LocalRunProgress) -> LocalTurn {
        let inputs: (resume: String, jd: String)
        switch readInputs(progress, intro: "I'll look for changes that surface what your resume already shows for this job, "
            + "without adding anything it cannot back up.\n\n") {
        case .next(let turn): return turn
        case .ready(let resume, let jd): inputs = (resume, jd)
        }
        let analysis = progress.last("analyze_gap")
        if analysis == nil, !(state.map(Self.analyzedStates.contains) ?? false) {
            return .call("analyze_gap", saying: "First, the gap analysis.\n\n", id: callId(progress, 0))
        }
        if let analysis, let failure = Self.failure(analysis) {
            return LocalTurn(text: LocalAnswers.failed("analyse the match", failure))
        }
        let report = analyze(inputs.resume, inputs.jd)
        let proposals = RewritePlanner.propose(resume: inputs.resume, jd: inputs.jd, report: report)
        let made = progress.calls("propose_resume_edit")
        guard made.count < proposals.count else {
            let final = applied(proposals, made, to: inputs.resume)
            let after = final == inputs.resume ? report : analyze(final, inputs.jd)
            return LocalTurn(text: LocalAnswers.tailoringSummary(
                proposals: proposals, outcomes: made.map(\.result), before: report, after: after))
        }
        let proposal = proposals[made.count]
        let intro = made.isEmpty ? LocalAnswers.tailoringIntro(count: proposals.count, report: report) : ""
        let arguments: JSONValue = [
            "old_text": .string(proposal.oldText), "new_text": .string(proposal.newText),
            "rationale": .string(proposal.rationale),
        ]
        return .call(
            "propose_resume_edit", arguments.jsonText,
            saying: intro + LocalAnswers.proposalLine(index: made.count, count: proposals.count, proposal),
            id: callId(progress, 0))
    }

    private func exportTurn(_ progress: LocalRunProgress, format: ExportFormat) -> LocalTurn {
        guard let export = progress.last("export_resume") else {
            return .call("export_resume", JSONValue.object(["format": .string(format.rawValue)]).jsonText,
                         saying: "Exporting your resume as \(format.label).\n\n", id: callId(progress, 0))
        }
        if let failure = Self.failure(export) { return LocalTurn(text: LocalAnswers.failed("export your resume", failure)) }
        return LocalTurn(text: LocalAnswers.exported(format: format))
    }

    // MARK: Steps

    private enum Inputs {
        case next(LocalTurn)
        case ready(resume: String, jd: String)
    }

    /// Reads the resume and the job description (both in one turn), or explains why it cannot.
    private func readInputs(_ progress: LocalRunProgress, intro: String) -> Inputs {
        let resume = progress.last("read_resume"), jd = progress.last("read_job_description")
        guard let resume, let jd else {
            var calls: [ToolCall] = []
            if resume == nil { calls.append(ToolCall(id: callId(progress, 0), name: "read_resume", arguments: "{}")) }
            if jd == nil { calls.append(ToolCall(id: callId(progress, 1), name: "read_job_description", arguments: "{}")) }
            return .next(LocalTurn(text: intro, calls: calls))
        }
        if let failure = Self.failure(resume) { return .next(LocalTurn(text: LocalAnswers.missingInput("your resume", failure))) }
        if let failure = Self.failure(jd) { return .next(LocalTurn(text: LocalAnswers.missingInput("the job description", failure))) }
        return .ready(resume: resume.result?.content ?? "", jd: jd.result?.content ?? "")
    }

    /// Why a step did not succeed, or nil if it did.
    private static func failure(_ step: LocalRunProgress.Step) -> String? {
        guard let result = step.result else { return "the tool did not answer" }
        return result.status == .ok ? nil : result.content
    }

    /// The resume with the approved proposals applied, in the order they were made.
    private func applied(_ proposals: [EditProposal], _ made: [LocalRunProgress.Step], to resume: String) -> String {
        var text = resume
        for (proposal, step) in zip(proposals, made) where step.result?.status == .ok {
            text = (try? ResumeEdit.replacing(proposal.oldText, with: proposal.newText, in: text)) ?? text
        }
        return text
    }

    private func analyze(_ resume: String, _ jd: String) -> GapReport {
        GapAnalyzer().analyze(resume: resume, jobDescription: jd, now: now)
    }

    /// Deterministic ids, unique within a run: turn number and position in the turn.
    private func callId(_ progress: LocalRunProgress, _ index: Int) -> String {
        "local_\(progress.turns + 1)_\(index)"
    }
}
