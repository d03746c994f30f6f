import IPC
import WorkerCore
import ResumeRender

/// `export`: `resume.md` rendered in one of the contract's formats.
enum ExportJob {
    static func run(_ request: ExportRequest) throws(JobFailure) -> ExportRequest.Result {
        let artifact: ExportArtifact
        do {
            artifact = try ResumeExporter.export(markdown: request.markdown, format: request.format, options: ExportOptions(pageSize: request.pageSize))
        } catch {
            let failure = ExportFailure(error)
            throw JobFailure(code: failure.code, message: failure.message, status: failure.status, reason: failure.isInternal ? .internal : .invalidInput)
        }
        return ExportRequest.Result(
            dataBase64: artifact.data.base64EncodedString(), contentType: artifact.contentType, fileName: artifact.fileName,
            size: artifact.data.count)
    }
}
