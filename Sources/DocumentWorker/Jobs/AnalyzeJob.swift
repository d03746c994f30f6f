import Foundation
import IPC
import WorkerCore
import ResumeMatch

/// `analyze`: the same gap report the `analyze_gap` tool writes, as JSON and Markdown.
enum AnalyzeJob {
    /// A job description is a few KiB; anything past this is not one.
    static let maxInputBytes = 2 * 1_048_576

    static func run(_ request: AnalyzeRequest, now: Date) throws(JobFailure) -> AnalyzeRequest.Result {
        guard request.resume.utf8.count <= maxInputBytes, request.jd.utf8.count <= maxInputBytes else {
            throw JobFailure(code: "input_too_large", message: "The resume or job description is too long to analyse.", status: 400)
        }
        let report = GapAnalyzer().analyze(resume: request.resume, jobDescription: request.jd, now: now)
        guard let data = try? report.jsonData(), let json = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw JobFailure(code: "internal", message: "The gap report could not be encoded.", status: 500, reason: .internal)
        }
        return AnalyzeRequest.Result(gapJson: json, gapMd: report.markdown)
    }
}
