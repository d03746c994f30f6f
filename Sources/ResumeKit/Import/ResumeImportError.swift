/// Why an upload could not be read as a resume. Each case has a stable ``code`` for the API
/// contract, a ``message`` a person can act on, and the ``httpStatus`` the gateway answers with.
public enum ResumeImportError: Error, Sendable, Equatable {
    /// The upload has no bytes (or only whitespace).
    case emptyFile
    /// The upload is larger than the importer accepts.
    case fileTooLarge(limit: Int)
    /// Neither PDF, DOCX, Markdown nor plain text.
    case unsupportedMediaType(detail: String)
    /// The name or declared type says one format, the bytes are another (text named `.pdf`).
    case typeMismatch(declared: DocumentFormat, actual: DocumentFormat?)
    /// Starts like a PDF but poppler cannot open it (truncated, damaged).
    case corruptPDF
    /// The PDF is password-protected.
    case encryptedPDF
    /// Not a readable DOCX: not a ZIP, or no `word/document.xml`, or malformed XML.
    case corruptDOCX(detail: String)
    /// The archive would inflate beyond the limits (a zip bomb, or simply too big).
    case archiveTooLarge(detail: String)
    /// A PDF with more pages than the importer reads.
    case tooManyPages(count: Int, limit: Int)
    /// A PDF with pages but no text layer: a scan or a picture.
    case noTextLayer
    /// Readable, but nothing in it looks like a resume (no name, no sections, no text).
    case noResumeContent
    /// Text that is not valid UTF-8 (or UTF-16 with a byte-order mark).
    case undecodableText

    /// Stable snake_case code for the API's error body.
    public var code: String {
        switch self {
        case .emptyFile: "empty_file"
        case .fileTooLarge: "file_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        case .typeMismatch: "type_mismatch"
        case .corruptPDF: "corrupt_pdf"
        case .encryptedPDF: "encrypted_pdf"
        case .corruptDOCX: "corrupt_docx"
        case .archiveTooLarge: "archive_too_large"
        case .tooManyPages: "too_many_pages"
        case .noTextLayer: "no_text_layer"
        case .noResumeContent: "no_resume_content"
        case .undecodableText: "undecodable_text"
        }
    }

    /// What went wrong and what to do about it, for the person who uploaded the file.
    public var message: String {
        switch self {
        case .emptyFile:
            "The file is empty. Please upload your resume as a PDF, DOCX, Markdown or text file."
        case .fileTooLarge(let limit):
            "The file is larger than \(limit / 1_048_576) MiB. Please upload a smaller resume file."
        case .unsupportedMediaType:
            "This file type is not supported. Please upload your resume as a PDF, DOCX, Markdown (.md) or plain text (.txt) file."
        case .typeMismatch(let declared, let actual):
            "The file is named or labelled as \(declared.displayName), but its contents are "
                + (actual.map { "\($0.displayName)" } ?? "something else")
                + ". Please upload the original file, or give it the right extension."
        case .corruptPDF:
            "The PDF could not be opened: it looks damaged or incomplete. Please export it again from your word processor and re-upload it."
        case .encryptedPDF:
            "The PDF is password-protected. Please upload a copy without a password."
        case .corruptDOCX:
            "The DOCX file could not be read: it looks damaged or is not a Word document. Please save it again from your word processor, or upload a PDF."
        case .archiveTooLarge:
            "The DOCX file expands to far more data than a resume can contain, so it was refused. Please save it again from your word processor, or upload a PDF."
        case .tooManyPages(let count, let limit):
            "The PDF has \(count) pages; resumes of up to \(limit) pages are accepted. Please upload a shorter version of your resume."
        case .noTextLayer:
            "No text could be read from this PDF: it looks like a scan or an image. Please upload the original DOCX, or a PDF exported from your word processor, or paste the text of your resume."
        case .noResumeContent:
            "The file was read, but no resume content was found in it. Please check that you uploaded your resume."
        case .undecodableText:
            "The text file is not in a readable encoding. Please save it as UTF-8 and upload it again."
        }
    }

    /// The HTTP status the gateway answers with: 413 for sizes, 415 for types, 422 for files of a
    /// supported type whose content cannot be used, 400 for an empty upload.
    public var httpStatus: Int {
        switch self {
        case .emptyFile: 400
        case .fileTooLarge, .archiveTooLarge, .tooManyPages: 413
        case .unsupportedMediaType, .typeMismatch: 415
        case .corruptPDF, .encryptedPDF, .corruptDOCX, .noTextLayer, .noResumeContent, .undecodableText: 422
        }
    }
}
