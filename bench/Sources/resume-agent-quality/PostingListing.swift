import ResumeKit
import ResumeMatch

/// `--list`: one line per requirement ("ok"/"BAD") and per missed knowledge span of every
/// posting, prefixed with the posting, so two runs can be compared with `diff`.
enum PostingListing {
    static func print(report: GapReport, posting: SkillSpanPosting, split: String, pieces: [(line: Int, part: JobDescription.SectionKind, text: String)]) {
        let id = "\(split):\(posting.source):\(posting.idx)"
        let annotated = Set((posting.spans(knowledge: true) + posting.spans(knowledge: false))
            .flatMap { LooseMatch.words($0.joined(separator: " ")) })
        var words = Set<String>()
        for r in report.requirements where r.category != .yearsOfExperience {
            let specific = LooseMatch.specificWords(r.label + " " + (r.jdTerm ?? ""))
            words.formUnion(specific)
            let verdict = specific.contains(where: annotated.contains) ? "ok " : "BAD"
            let part = pieces.first { $0.line == r.jdLine && $0.text == r.jdText }?.part.rawValue ?? "?"
            Swift.print("\(id) \(verdict) \(r.priority.rawValue) \(part) \(r.category.rawValue) line \(r.jdLine): \(r.label) [\(r.jdTerm ?? "")] :: \(r.jdText.prefix(160))")
        }
        var seen = Set<String>()
        for span in posting.spans(knowledge: true) {
            let text = span.joined(separator: " ")
            let specific = LooseMatch.specificWords(text)
            guard !specific.isEmpty, seen.insert(LooseMatch.words(text).joined(separator: " ")).inserted,
                  !specific.contains(where: words.contains) else { continue }
            Swift.print("\(id) MISS \(text)")
        }
    }
}
