/// Render `resume.md` as the preview document.
public struct RenderPreviewRequest: Codable, Sendable, Equatable {
    public var markdown: String
    public init(markdown: String) { self.markdown = markdown }

    public struct Result: Codable, Sendable, Equatable {
        public var html: String
        public init(html: String) { self.html = html }
    }
}
