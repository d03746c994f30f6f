/// A run of uniformly formatted text in a DOCX paragraph: the flattened form
/// of nested inline markup (`**bold *and italic***` becomes two runs).
struct DOCXRun: Sendable, Equatable {
    enum Content: Sendable, Equatable {
        case text(String)
        case lineBreak
    }

    var content: Content
    var bold = false
    var italic = false
    var code = false
    /// Destination of the hyperlink this run belongs to (already vetted by
    /// ``LinkPolicy``), nil for plain text.
    var link: String?

    /// Flattens inline markup into runs, carrying formatting down the tree.
    static func runs(for inlines: [Inline]) -> [DOCXRun] {
        var runs: [DOCXRun] = []
        append(inlines, format: DOCXRun(content: .text("")), to: &runs)
        return runs
    }

    private static func append(_ inlines: [Inline], format: DOCXRun, to runs: inout [DOCXRun]) {
        for inline in inlines {
            var run = format
            switch inline {
            case .text(let text):
                appendText(text, format: format, to: &runs)
            case .code(let text):
                run.code = true
                appendText(text, format: run, to: &runs)
            case .emphasis(let children):
                run.italic = true
                append(children, format: run, to: &runs)
            case .strong(let children):
                run.bold = true
                append(children, format: run, to: &runs)
            case .link(let destination, let children):
                run.link = LinkPolicy.safeDestination(destination) ?? format.link
                append(children, format: run, to: &runs)
            case .lineBreak:
                run.content = .lineBreak
                runs.append(run)
            }
        }
    }

    /// Newlines inside text (from raw HTML shown as text) become breaks.
    private static func appendText(_ text: String, format: DOCXRun, to runs: inout [DOCXRun]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            var run = format
            if index > 0 {
                run.content = .lineBreak
                runs.append(run)
            }
            guard !line.isEmpty else { continue }
            run.content = .text(String(line))
            runs.append(run)
        }
    }
}
