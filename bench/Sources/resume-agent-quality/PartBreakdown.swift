import ResumeKit
import ResumeMatch

/// `--breakdown`: where right and false requirements come from, and where the missed knowledge
/// spans sit, by the part of the posting their line was placed in (ResumeKit's reading of the
/// posting). Tells which parts to read harder and which to read less.
struct PartBreakdown {
    private var requirements: [String: (right: Int, all: Int)] = [:]
    private var spans: [String: (found: Int, all: Int)] = [:]
    /// Lines holding missed spans, per part, as "posting line: text [missed spans]".
    private(set) var missedLines: [String: [String]] = [:]

    mutating func add(report: GapReport, text: String, posting: SkillSpanPosting) {
        let parts = JobPostingReader.lines(text).map(\.part.rawValue)
        func part(_ line: Int) -> String { line >= 1 && line <= parts.count ? parts[line - 1] : "?" }
        let annotated = Set((posting.spans(knowledge: true) + posting.spans(knowledge: false))
            .flatMap { LooseMatch.words($0.joined(separator: " ")) })
        var words = Set<String>()
        for r in report.requirements where r.category != .yearsOfExperience {
            let specific = LooseMatch.specificWords(r.label + " " + (r.jdTerm ?? ""))
            words.formUnion(specific)
            let key = "\(posting.source) \(part(r.jdLine))"
            requirements[key, default: (0, 0)].all += 1
            if specific.contains(where: annotated.contains) { requirements[key, default: (0, 0)].right += 1 }
        }
        var seen = Set<String>()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (line, sentence) in posting.sentences.enumerated() {
            var missed: [String] = []
            var current: [String] = []
            for (token, tag) in zip(sentence.tokens + [""], sentence.tagsKnowledge + ["O"]) {
                if tag != "I", !current.isEmpty {
                    let text = current.joined(separator: " ")
                    let specific = LooseMatch.specificWords(text)
                    if !specific.isEmpty, seen.insert(LooseMatch.words(text).joined(separator: " ")).inserted {
                        let key = "\(posting.source) \(part(line + 1))"
                        spans[key, default: (0, 0)].all += 1
                        if specific.contains(where: words.contains) {
                            spans[key, default: (0, 0)].found += 1
                        } else {
                            missed.append(text)
                        }
                    }
                    current = []
                }
                if tag == "B" || (tag == "I" && !current.isEmpty) { current.append(token) }
            }
            if !missed.isEmpty, line < lines.count {
                missedLines["\(posting.source) \(part(line + 1))", default: []].append(
                    "\(posting.source):\(posting.idx) line \(line + 1): \(lines[line]) [\(missed.joined(separator: " | "))]")
            }
        }
    }

    /// The posting's lines numbered, each with the part it was placed in.
    static func annotatedLines(_ text: String) -> [String] {
        JobPostingReader.lines(text).map { "\($0.number)\t\($0.part.rawValue)\($0.isHeading ? "#" : "")\t\($0.text)" }
    }

    func printed(_ split: String) {
        print("\n### \(split): requirements by part (right / listed)\n")
        for key in requirements.keys.sorted() {
            let v = requirements[key]!
            print("- \(key): \(v.right)/\(v.all) = \(String(format: "%.2f", Double(v.right) / Double(max(v.all, 1)))), false \(v.all - v.right)")
        }
        print("\n### \(split): knowledge spans by part (found / annotated)\n")
        for key in spans.keys.sorted() {
            let v = spans[key]!
            print("- \(key): \(v.found)/\(v.all) = \(String(format: "%.2f", Double(v.found) / Double(max(v.all, 1)))), missed \(v.all - v.found)")
        }
    }
}
