/// The form two words must share to be the same term: lower-case, no accents, and an English
/// plural folded to its singular ("clusters" → "cluster", "policies" → "policy").
///
/// Deliberately no stemming beyond plurals: "present" must never meet "presentation" or
/// "presented", nor "mentor" meet "mentoring". Inflected forms that mean the same thing are
/// listed as aliases in the vocabulary instead, where a person decided they are synonyms.
enum TermKey {
    static func of(_ lower: String) -> String {
        let utf8 = lower.utf8
        guard utf8.count > 3 else { return lower }
        if utf8.allSatisfy({ $0 < 0x80 }) {
            guard utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return lower }
        } else if !lower.allSatisfy(\.isLetter) {
            return lower
        }
        if lower.hasSuffix("ies"), lower.count > 4 { return String(lower.dropLast(3)) + "y" }
        if lower.hasSuffix("sses") || lower.hasSuffix("shes") || lower.hasSuffix("ches") || lower.hasSuffix("xes") {
            return String(lower.dropLast(2))
        }
        if lower.hasSuffix("s"), !lower.hasSuffix("ss"), !lower.hasSuffix("us"), !lower.hasSuffix("is"),
           !lower.hasSuffix("ics") {
            return String(lower.dropLast())
        }
        return lower
    }
}
