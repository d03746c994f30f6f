/// Decides how a word broken at a line end is put back together.
///
/// A soft hyphen (U+00AD) marks a break the author's software made: always joined. A visible
/// hyphen is either a break (TeX: "par-" + "ticularly") or part of a compound ("cross-" +
/// "functional"). The document is its own dictionary: the joined word used elsewhere in it
/// means a break, the hyphenated form used elsewhere means a compound, and so does a break
/// between two parts that each stand alone elsewhere as words. Anything else was a break,
/// which is what line-end hyphens in typeset resumes almost always are.
struct Hyphenation {
    /// How often each word (and each part of a hyphenated word) occurs, lowercased.
    private let counts: [String: Int]

    init(documentText: [String]) {
        var counts: [String: Int] = [:]
        for text in documentText {
            for word in text.split(whereSeparator: { !$0.isLetter && $0 != "-" }) {
                let lower = word.lowercased()
                counts[lower, default: 0] += 1
                guard lower.contains("-") else { continue }
                for part in lower.split(separator: "-") where part.count >= 2 { counts[String(part), default: 0] += 1 }
            }
        }
        self.counts = counts
    }

    /// `above` and `below` joined as one text, the break at their boundary resolved.
    func join(_ above: String, _ below: String) -> String {
        if above.hasSuffix(String(GlyphText.softHyphen)) { return String(above.dropLast()) + below }
        guard above.hasSuffix("-"), let next = below.first, next.isLowercase else { return above + " " + below }
        let head = String(above.dropLast()).split(separator: " ").last.map(String.init) ?? ""
        let tail = below.split(separator: " ").first.map(String.init) ?? ""
        let headLetters = String(head.reversed().prefix { $0.isLetter }.reversed())
        let tailLetters = String(tail.prefix { $0.isLetter })
        return keepsHyphen(head: headLetters, tail: tailLetters) ? above + below : String(above.dropLast()) + below
    }

    private func keepsHyphen(head: String, tail: String) -> Bool {
        guard !head.isEmpty, !tail.isEmpty else { return true }
        let head = head.lowercased(), tail = tail.lowercased()
        if counts[head + tail, default: 0] >= 1 { return false }
        if counts[head + "-" + tail, default: 0] >= 1 { return true }
        // The broken word itself counts its own two halves once each.
        return head.count >= 3 && counts[head, default: 0] >= 2 && counts[tail, default: 0] >= 2
    }
}
