/// A deliberately light suffix stripper (English-centred, harmless for other languages).
///
/// Full Porter stemming over-merges ("university"/"universe"); we only need inflections of the
/// same word to meet: tests/tested/testing, mentor/mentored, nurse/nurses, service/services.
/// The stem keeps at least three characters, so "Go"/"going" and "us"/"using" never collide.
enum Stemmer {
    static func stem(_ word: String) -> String {
        guard word.count > 3, word.allSatisfy(\.isLetter) else { return word }
        var w = Substring(word)
        if w.hasSuffix("ies"), w.count > 4 {
            w = w.dropLast(3) + "y"
        } else if w.hasSuffix("ing"), w.count - 3 >= 3 {
            w = w.dropLast(3)
        } else if w.hasSuffix("ed"), w.count - 2 >= 3 {
            w = w.dropLast(2)
        } else if w.hasSuffix("es"), w.count - 2 >= 3, endsWithSibilant(w.dropLast(2)) {
            w = w.dropLast(2)
        } else if w.hasSuffix("s"), !w.hasSuffix("ss"), !w.hasSuffix("us"), !w.hasSuffix("is"), w.count - 1 >= 3 {
            w = w.dropLast(1)
        }
        if w.hasSuffix("e"), w.count - 1 >= 3 {
            w = w.dropLast(1)
        }
        return String(w)
    }

    private static func endsWithSibilant(_ w: Substring) -> Bool {
        w.hasSuffix("s") || w.hasSuffix("x") || w.hasSuffix("z") || w.hasSuffix("ch") || w.hasSuffix("sh")
    }
}
