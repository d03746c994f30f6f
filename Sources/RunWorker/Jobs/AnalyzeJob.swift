import Foundation
import IPC
import ResumeMatch

/// `analyze`: `{"resume": "<markdown>", "jd": "<text>"}` → `{"gap_json": {...}, "gap_md": "..."}`,
/// the same report the `analyze_gap` tool writes.
enum AnalyzeJob {
    /// A job description is a few KiB; anything past this is not one.
    static let maxInputBytes = 2 * 1_048_576

    static func run(_ input: JobInput, now: Date) throws(JobFailure) -> JSONValue {
        let resume = try input.string("resume")
        let jd = try input.string("jd")
        guard resume.utf8.count <= maxInputBytes, jd.utf8.count <= maxInputBytes else {
            throw JobFailure(code: "input_too_large", message: "The resume or job description is too long to analyse.", status: 400)
        }
        let report = GapAnalyzer().analyze(resume: resume, jobDescription: jd, now: now)
        guard let data = try? report.jsonData(), let json = JSONText.parse(data) else {
            throw JobFailure(code: "internal", message: "The gap report could not be encoded.", status: 500, reason: "internal")
        }
        return ["gap_json": json, "gap_md": .string(report.markdown)]
    }
}
