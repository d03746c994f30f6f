import Foundation

/// The visible text lines of a Markdown resume, computed independently of
/// the module's parser: markers stripped the simple way a reader would.
enum ResumeText {
    static func visibleLines(ofMarkdown markdown: String) -> [String] {
        markdown.split(whereSeparator: \.isNewline)
            .map { strippingMarkers(String($0)) }
            .filter { !$0.isEmpty }
    }

    static func strippingMarkers(_ line: String) -> String {
        var text = line.trimmingCharacters(in: .whitespaces)
        for pattern in [#"^#{1,6}\s+"#, #"^[-*+]\s+"#, #"^\d+[.)]\s+"#, #"^>\s*"#] {
            text = text.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
        }
        text = text.replacingOccurrences(of: #"\[([^\]]*)\]\([^)]*\)"#, with: "$1", options: .regularExpression)
        for marker in ["**", "__", "*", "`"] {
            text = text.replacingOccurrences(of: marker, with: "")
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// Whitespace removed entirely: wrapped lines, a break after a hyphen
    /// and pdftotext's spacing all compare equal.
    static func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }
}
