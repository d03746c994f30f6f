/// Reads plain text into ``SourceLine``s. Plain text has no styles, so the only cues kept are
/// indentation (a wrapped bullet's continuation is indented) and underlines (`=====`).
package enum PlainTextLineReader {
    package static func lines(_ text: String) -> [SourceLine] {
        var output: [SourceLine] = []
        var lastWasItem = false
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for rawLine in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            let raw = String(rawLine).replacingOccurrences(of: "\u{000C}", with: "")
            let trimmed = raw.trimmed
            if trimmed.isEmpty {
                lastWasItem = false
                continue
            }
            if isUnderline(trimmed), let last = output.indices.last, output[last].role == .text {
                output[last].role = .heading(1)
                continue
            }
            if isUnderline(trimmed) { continue }
            let line = SourceLine(trimmed).normalizingBullet()
            let indented = raw.hasPrefix("  ") || raw.hasPrefix("\t")
            if line.role == .text, lastWasItem, indented, let last = output.indices.last {
                output[last].text += " " + trimmed
                continue
            }
            output.append(line)
            lastWasItem = line.role == .listItem
        }
        return output
    }

    private static func isUnderline(_ text: String) -> Bool {
        text.count >= 3 && (text.allSatisfy { $0 == "=" } || text.allSatisfy { $0 == "-" } || text.allSatisfy { $0 == "_" })
    }
}
