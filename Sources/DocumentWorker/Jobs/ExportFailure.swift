import ResumeRender

/// A ``RenderError`` in the terms of the contract: a code, a message for the person, a status.
struct ExportFailure: Error, Equatable {
    var code: String
    var message: String
    var status: Int
    /// cairo or packaging failed: our fault, not the input's.
    var isInternal: Bool

    init(_ error: RenderError) {
        switch error {
        case .inputTooLarge(let bytes, let limit):
            self.init(code: "resume_too_large", message: "The resume is too long to export (\(bytes) bytes; the limit is \(limit)).", status: 400)
        case .invalidOption(let option):
            self.init(code: "invalid_option", message: "An export option is out of range: \(option).", status: 400)
        case .pdfRenderingFailed:
            self.init(code: "export_failed", message: "The PDF could not be rendered.", status: 500, isInternal: true)
        case .docxPackagingFailed:
            self.init(code: "export_failed", message: "The DOCX file could not be assembled.", status: 500, isInternal: true)
        }
    }

    init(code: String, message: String, status: Int, isInternal: Bool = false) {
        self.code = code
        self.message = message
        self.status = status
        self.isInternal = isInternal
    }
}
