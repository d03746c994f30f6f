/// The loose span matching of issue 10, exactly:
///
/// - a listed requirement is right when a *specific content word* of it falls inside an
///   annotated skill or knowledge span of the same posting;
/// - an annotated knowledge span is found when some requirement of the posting shares a
///   specific content word with it;
/// - "N+ years of experience" is not annotated in the corpus and counts neither way.
///
/// A specific content word is a word that is neither a stop word nor one of the generic words
/// the issue names (data, design, development, software, management, systems, team, project —
/// with their plural or singular forms). Words are compared lower-cased; they split on anything
/// but letters, digits, "+" and "#", so "Node.js" is "node", "js" and "C++" stays "c++".
/// A requirement with no specific word cannot be right (it counts as false); a span with no
/// specific word cannot be found (it is left out of recall).
enum LooseMatch {
    static func words(_ text: String) -> [String] {
        text.lowercased()
            .split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "+" || $0 == "#") })
            .map { word in
                // "+" and "#" belong to a word only as a suffix of a short name ("c++", "c#", "f#").
                var w = String(word)
                while let first = w.first, first == "+" || first == "#" { w.removeFirst() }
                if w.count > 3 { while let last = w.last, last == "+" || last == "#" { w.removeLast() } }
                return w
            }
            .filter { !$0.isEmpty }
    }

    static func specificWords(_ text: String) -> Set<String> {
        Set(words(text).filter(isSpecific))
    }

    static func isSpecific(_ word: String) -> Bool {
        word.contains(where: \.isLetter) && !stopWords.contains(word) && !genericWords.contains(word)
    }

    /// The issue's generic words, with their singular/plural forms.
    static let genericWords: Set<String> = [
        "data", "design", "designs", "development", "developments", "software", "management",
        "system", "systems", "team", "teams", "project", "projects",
    ]

    /// English stop words (the NLTK list).
    static let stopWords: Set<String> = [
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their",
        "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these", "those", "am", "is", "are",
        "was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an",
        "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about",
        "against", "between", "into", "through", "during", "before", "after", "above", "below", "to", "from", "up",
        "down", "in", "out", "on", "off", "over", "under", "again", "further", "then", "once", "here", "there", "when",
        "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no",
        "nor", "not", "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don",
        "should", "now", "d", "ll", "m", "o", "re", "ve", "y", "ain", "aren", "couldn", "didn", "doesn", "hadn",
        "hasn", "haven", "isn", "ma", "mightn", "mustn", "needn", "shan", "shouldn", "wasn", "weren", "won", "wouldn",
    ]
}
