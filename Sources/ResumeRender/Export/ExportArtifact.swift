import Foundation

/// An exported file, ready to store or send.
public struct ExportArtifact: Sendable, Equatable {
    public var format: ExportFormat
    public var data: Data
    /// MIME type, e.g. `application/pdf`.
    public var contentType: String
    /// Suggested download name with extension, e.g. `alex-chen-resume.pdf`.
    public var fileName: String

    /// File name extension, without the dot.
    public var fileExtension: String { format.fileExtension }

    public init(format: ExportFormat, data: Data, contentType: String, fileName: String) {
        self.format = format
        self.data = data
        self.contentType = contentType
        self.fileName = fileName
    }
}
