/// The result of importing an uploaded file.
public struct ImportedResume: Codable, Sendable, Equatable {
    public var resume: Resume
    /// The canonical `resume.md` for ``resume``.
    public var markdown: String
    /// What the bytes turned out to be (not what the name claimed).
    public var format: DocumentFormat
    /// Things the person should check: a missing name, no experience found, pages left out,
    /// columns read in a guessed order, a low confidence. The same list as `report.warnings`.
    public var warnings: [ImportWarning]
    /// How the import went: layout found, what could not be placed, confidence per section.
    public var report: ImportReport

    public init(resume: Resume, markdown: String, format: DocumentFormat, warnings: [ImportWarning], report: ImportReport? = nil) {
        self.resume = resume
        self.markdown = markdown
        self.format = format
        self.warnings = warnings
        self.report = report ?? ImportReport(format: format, warnings: warnings)
    }
}

/// A non-fatal finding of an import, with a stable code and a message for the person.
public struct ImportWarning: Codable, Sendable, Equatable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    static let missingName = ImportWarning(code: "missing_name", message: "No name was found at the top of the resume.")
    static let noSections = ImportWarning(
        code: "no_sections", message: "No section headings (Experience, Education, Skills…) were recognised."
    )
    static let noExperience = ImportWarning(code: "no_experience", message: "No work experience entries were recognised.")
    static let noContact = ImportWarning(code: "no_contact", message: "No contact details (email, phone, location) were found.")
}
