/// Namespace URIs and boilerplate shared by the DOCX parts.
enum DOCXNamespaces {
    static let xmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let wordprocessingML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// Attributes for `w:document`, `w:styles`, `w:numbering`, `w:settings`.
    static let documentAttributes = "xmlns:w=\"\(wordprocessingML)\" xmlns:r=\"\(officeRelationships)\""
}
