import ResumeMatch
import Providers

/// `propose_resume_edit`: a targeted change to `resume.md`, shown to the person as a unified
/// diff with truth flags, applied only once approved.
///
/// Two forms: `{old_text, new_text}` replaces one exact passage; `{section, new_text}` replaces
/// the body of a section. The diff is made against the current resume; the truth flags against
/// the original one (``TruthCheck``).
struct ProposeResumeEditTool: AgentTool {
    let spec = ToolDefinition(
        name: "propose_resume_edit",
        description: "Propose a change to resume.md; the user sees a diff and approves or rejects it. Either give "
            + "old_text (an exact, unique passage copied from read_resume) and new_text, or section (a heading such as "
            + "\"Skills\") and new_text for the whole body of that section. Only reorder, rephrase or surface what the "
            + "resume already supports; never add skills, employers, titles, degrees, dates or numbers.",
        parameters: ToolSchema.object(
            [
                "old_text": ToolSchema.string("The exact passage of resume.md to replace.", maxLength: 20_000),
                "section": ToolSchema.string("Heading of the section whose body new_text replaces.", maxLength: 200),
                "new_text": ToolSchema.string("The replacement text (Markdown).", maxLength: 20_000),
                "rationale": ToolSchema.string("Why this helps for the job, in one or two sentences.", maxLength: 2_000),
            ],
            required: ["new_text"]))

    var requiresApproval: Bool { true }

    func plan(_ arguments: ToolArguments, context: ToolContext) async throws -> ToolPlan {
        let current = try await context.read(ReadResumeTool.path, missing: "the user has not uploaded a resume yet")
        let proposed = try Self.edited(current, arguments)
        guard proposed != current else { throw ToolError("the edit changes nothing: new_text is the same as the text it replaces") }
        let original = try await TruthCheck.original(context: context, current: current)
        return ToolPlan(
            diff: UnifiedDiff.make(from: current, to: proposed),
            truthFlags: TruthCheck.flags(proposed: proposed, current: current, original: original),
            base: current, newContent: proposed, target: ReadResumeTool.path)
    }

    func execute(_ plan: ToolPlan, arguments: ToolArguments, context: ToolContext) async throws -> ToolOutput {
        guard let proposed = plan.newContent else { throw ToolError("nothing to apply") }
        let current = try await context.read(ReadResumeTool.path)
        guard current == plan.base else {
            throw ToolError("resume.md changed while the edit waited for approval; read it again and propose the edit again")
        }
        try await context.write(ReadResumeTool.path, content: proposed)
        try await PreviewRefresh.write(markdown: proposed, context: context)
        let (added, removed) = DiffStat.count(plan.diff ?? "")
        return ToolOutput(summary: "Applied the edit to resume.md (+\(added) −\(removed) lines) and refreshed the preview.")
    }

    static func edited(_ current: String, _ arguments: ToolArguments) throws(ToolError) -> String {
        let newText = try arguments.string("new_text")
        switch (arguments.optionalString("old_text"), arguments.optionalString("section")) {
        case (let old?, nil): return try ResumeEdit.replacing(old, with: newText, in: current)
        case (nil, let section?): return try ResumeEdit.replacingSection(section, with: newText, in: current)
        case (.some, .some): throw ToolError("give either old_text or section, not both")
        case (nil, nil): throw ToolError("give old_text (the exact passage to replace) or section (the heading whose body to replace)")
        }
    }
}

/// Added and removed line counts of a unified diff.
enum DiffStat {
    static func count(_ diff: String) -> (added: Int, removed: Int) {
        var added = 0, removed = 0
        for line in diff.split(separator: "\n") {
            if line.hasPrefix("+"), !line.hasPrefix("+++") { added += 1 }
            if line.hasPrefix("-"), !line.hasPrefix("---") { removed += 1 }
        }
        return (added, removed)
    }
}
