/// Applies a model's edit to the resume text: replace an exact passage, or replace the body of
/// a section under its heading. Pure text, so it is easy to test; every failure says what to fix.
enum ResumeEdit {
    /// Replaces the one occurrence of `old` with `new`.
    static func replacing(_ old: String, with new: String, in text: String) throws(ToolError) -> String {
        guard !old.isEmpty else { throw ToolError("old_text must not be empty") }
        // A model copies lines with "\n"; a resume saved on Windows has "\r\n".
        var candidates = [(old, new)]
        if text.contains("\r\n"), !old.contains("\r\n") {
            candidates.append((old.replacingOccurrences(of: "\n", with: "\r\n"), new.replacingOccurrences(of: "\n", with: "\r\n")))
        }
        for (needle, replacement) in candidates {
            let ranges = text.ranges(of: needle)
            if ranges.count > 1 {
                throw ToolError("old_text occurs \(ranges.count) times in resume.md; include more surrounding text so it is unique")
            }
            if let range = ranges.first { return text.replacingCharacters(in: range, with: replacement) }
        }
        throw ToolError("old_text was not found in resume.md; copy it exactly from read_resume (same spelling, punctuation and line breaks)")
    }

    /// Replaces everything between the heading named `section` and the next heading of the same
    /// or a higher level with `body`.
    static func replacingSection(_ section: String, with body: String, in text: String) throws(ToolError) -> String {
        let newline = text.contains("\r\n") ? "\r\n" : "\n"
        var lines = text.components(separatedBy: newline)
        let headings = lines.indices.compactMap { index in heading(lines[index]).map { (index, $0.level, $0.title) } }
        let wanted = normalized(section)
        guard let match = headings.first(where: { normalized($0.2) == wanted }) else {
            let names = headings.map { "\"\($0.2)\"" }.joined(separator: ", ")
            throw ToolError("no section named \"\(section)\" in resume.md" + (names.isEmpty ? "" : "; sections are: \(names)"))
        }
        let end = headings.first { $0.0 > match.0 && $0.1 <= match.1 }?.0 ?? lines.count
        var replacement = [""] + body.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n")
        // Keep one blank line before the next heading, and the file's final newline.
        if end < lines.count || text.hasSuffix(newline) { replacement.append("") }
        lines.replaceSubrange((match.0 + 1)..<end, with: replacement)
        return lines.joined(separator: newline)
    }

    /// `## Skills` → (2, "Skills").
    private static func heading(_ line: String) -> (level: Int, title: String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return (hashes, line.dropFirst(hashes).trimmingCharacters(in: .whitespaces))
    }

    private static func normalized(_ title: String) -> String {
        title.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}
