import ResumeKit

/// A paragraph of a Word document as read from its XML, before style names are resolved.
struct WordParagraph: Equatable {
    struct Run: Equatable {
        var text: String
        var isBold: Bool
        var isItalic: Bool
    }

    var styleID: String?
    var isNumbered = false
    var outlineLevel: Int?
    var runs: [Run] = []

    var text: String { runs.map(\.text).joined() }

    /// True when every run that has visible text has the flag.
    func all(_ flag: KeyPath<Run, Bool>) -> Bool {
        let visible = runs.filter { !$0.text.trimmed.isEmpty }
        return !visible.isEmpty && visible.allSatisfy { $0[keyPath: flag] }
    }
}
