import Foundation

/// A resume file to upload.
struct Fixture: Sendable {
    let name: String
    let bytes: [UInt8]
    let contentType: String
}

/// The shared fixtures (`fixtures/resumes/*`, `fixtures/jds/*`), loaded once.
struct Fixtures: Sendable {
    let resumes: [Fixture]
    let jobDescriptions: [String]

    struct Missing: Error, CustomStringConvertible {
        let directory: String
        var description: String { "no fixtures in \(directory) (pass --fixtures DIR with resumes/ and jds/)" }
    }

    static func load(from directory: String) throws -> Fixtures {
        let files = FileManager.default
        func list(_ sub: String) -> [String] {
            ((try? files.contentsOfDirectory(atPath: directory + "/" + sub)) ?? []).sorted().map { directory + "/" + sub + "/" + $0 }
        }
        let resumes = list("resumes").compactMap { path -> Fixture? in
            guard let data = files.contents(atPath: path) else { return nil }
            let name = (path as NSString).lastPathComponent
            let type: String
            switch (name as NSString).pathExtension.lowercased() {
            case "pdf": type = "application/pdf"
            case "docx": type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            case "md", "markdown": type = "text/markdown"
            default: type = "text/plain"
            }
            return Fixture(name: name, bytes: [UInt8](data), contentType: type)
        }
        let jds = list("jds").compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
        guard !resumes.isEmpty, !jds.isEmpty else { throw Missing(directory: directory) }
        return Fixtures(resumes: resumes, jobDescriptions: jds)
    }

    /// `$RESUME_AGENT_FIXTURES`, else `../shared/fixtures` beside the package (as the tests find
    /// it), else `/work/shared/fixtures`.
    static func defaultDirectory() -> String {
        if let directory = ProcessInfo.processInfo.environment["RESUME_AGENT_FIXTURES"] { return directory }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let beside = package.deletingLastPathComponent().appendingPathComponent("shared/fixtures").path
        return FileManager.default.fileExists(atPath: beside) ? beside : "/work/shared/fixtures"
    }
}

/// A truthful edit of a resume the driver can propose without knowing the fixture: one line
/// that occurs exactly once, with its final period removed (or one added). It changes the
/// text, claims nothing new, and quotes the resume exactly, as `propose_resume_edit` needs.
enum ResumeEditPicker {
    static func edit(of markdown: String) -> (old: String, new: String)? {
        let lines = markdown.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let candidates = lines.filter { line in
            line.count >= 24 && !line.hasPrefix("#") && !line.contains("|") && occurrences(of: line, in: markdown) == 1
        }
        guard let line = candidates.max(by: { $0.count < $1.count }) else { return nil }
        let changed = line.hasSuffix(".") ? String(line.dropLast()) : line + "."
        return (line, changed)
    }

    private static func occurrences(of needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }
}
