/// Paper size for paginated formats (PDF, DOCX, and the HTML print stylesheet). The renderer
/// adds the dimensions (`ResumeRender/Export/PageSize+Dimensions.swift`).
public enum PageSize: String, Sendable, CaseIterable, Codable, Hashable {
    case letter
    case a4
}
