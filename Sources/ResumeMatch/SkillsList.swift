import Foundation

/// The comma-separated lists in a resume's Skills section, item by item, so they can be
/// ranked against a job and written back with the original separators and labels.
struct SkillsList: Sendable {
    /// One list line: "Languages: Go, Python" has prefix "Languages: " and two items.
    struct Line: Sendable {
        let index: Int
        let prefix: String
        let items: [String]
        let separator: String
        let suffix: String

        func rendered(_ items: [String]) -> String { prefix + items.joined(separator: separator) + suffix }
    }

    let lines: [Line]

    init(resume: ResumeText) {
        var result: [Line] = []
        for (i, line) in resume.lines.enumerated() where line.sectionKind == .skills && line.role != .heading {
            if let parsed = Self.parse(line.text, index: i) { result.append(parsed) }
        }
        lines = result
    }

    private static func parse(_ text: String, index: Int) -> Line? {
        for separator in [", ", " · ", " | ", "; ", " • "] where text.contains(separator) {
            var body = Substring(text)
            var prefix = ""
            // Keep a bullet marker, a "Label:" and Markdown emphasis in front of the list.
            let lead = body.prefix { " -*•".contains($0) }
            prefix += lead
            body = body.dropFirst(lead.count)
            if let colon = body.firstIndex(of: ":"), body.distance(from: body.startIndex, to: colon) <= 40 {
                let label = body[...colon]
                let afterColon = body[body.index(after: colon)...]
                let spaces = afterColon.prefix { $0 == " " || $0 == "*" }
                prefix += label + spaces
                body = afterColon.dropFirst(spaces.count)
            }
            var suffix = ""
            while let last = body.last, last == "." || last == " " || last == "*" {
                suffix = String(last) + suffix
                body = body.dropLast()
            }
            let items = body.components(separatedBy: separator)
            guard items.count >= 2, !items.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return nil }
            return Line(index: index, prefix: prefix, items: items, separator: separator, suffix: suffix)
        }
        return nil
    }
}
