/// What a resume section holds, recognised from its heading in several languages.
public enum ResumeSectionKind: String, Codable, Sendable, CaseIterable {
    case summary
    case experience
    case education
    case skills
    case certifications
    case projects
    /// A section with a heading we do not recognise.
    case other
    /// Name and contact lines before the first section heading; never evidence.
    case header
}
