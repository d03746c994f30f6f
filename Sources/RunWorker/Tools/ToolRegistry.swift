import Providers

/// The tools a run offers the model, by name.
struct ToolRegistry: Sendable {
    let tools: [any AgentTool]

    init(_ tools: [any AgentTool]) {
        self.tools = tools
    }

    /// Every tool of the resume-tailoring job.
    static let standard = ToolRegistry([
        ListFilesTool(), ReadFileTool(), ReadResumeTool(), ReadJobDescriptionTool(), AnalyzeGapTool(),
        ProposeResumeEditTool(), WriteFileTool(), RenderPreviewTool(), ExportResumeTool(),
    ])

    var specs: [ToolDefinition] { tools.map(\.spec) }

    func tool(named name: String) -> (any AgentTool)? {
        tools.first { $0.name == name }
    }
}
