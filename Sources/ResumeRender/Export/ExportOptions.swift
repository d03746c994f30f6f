/// Options for ``ResumeExporter/export(markdown:format:options:)``.
public struct ExportOptions: Sendable, Equatable {
    /// Accepted page margins, in points: below a quarter inch printers clip;
    /// above two inches there is no room left for a resume.
    public static let marginRange: ClosedRange<Double> = 18...144

    /// Paper size for PDF and DOCX, and for the HTML print stylesheet.
    public var pageSize: PageSize
    /// Margin on all four sides, in points (72 per inch). Default 0.75 inch.
    public var marginPoints: Double
    /// Base of the suggested file name (`jane-doe-resume`); derived from the
    /// resume's name heading when nil.
    public var fileBaseName: String?

    public init(pageSize: PageSize = .letter, marginPoints: Double = 54, fileBaseName: String? = nil) {
        self.pageSize = pageSize
        self.marginPoints = marginPoints
        self.fileBaseName = fileBaseName
    }
}
