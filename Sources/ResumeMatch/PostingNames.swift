/// The names a posting uses for its company, people and places, learned from the parts that
/// never state requirements (title lines, "about us", benefits, legal text, contacts, metadata),
/// so the same words in a requirement line are never read as a tool: "As part of Helix Analytics
/// you will…" asks for nothing called "Analytics".
///
/// A name is a run of capitalised words with at least one word the vocabulary does not know;
/// vocabulary tools inside a run ("We use Kotlin") split it, so a company paragraph that names
/// the stack does not hide the stack.
struct PostingNames: Sendable {
    /// Name runs as written (case-sensitive), keyed by their first word, longest first.
    private var runs: [String: [[String]]] = [:]

    init(posting: PostingText, lexicon: Lexicon) {
        var seen = Set<String>()
        learnFromContext(posting, lexicon: lexicon, seen: &seen)
        for line in posting.lines where !line.part.statesRequirements && !line.tokens.isEmpty {
            let tokens = line.tokens
            var tool = Array(repeating: false, count: tokens.count)
            var known = Array(repeating: false, count: tokens.count)
            for hit in lexicon.scan(tokens) {
                for k in hit.range {
                    known[k] = true
                    if lexicon.category(hit.entry) == .tool { tool[k] = true }
                }
            }
            var run: [Int] = []
            func close() {
                defer { run = [] }
                // A lone capitalised word at the start of a sentence ("Our", "Flexible") says nothing.
                guard !run.isEmpty, run.contains(where: { !known[$0] }) else { return }
                if run.count == 1, tokens[run[0]].isSentenceStart { return }
                let words = run.map { tokens[$0].raw }
                if seen.insert(words.joined(separator: " ")).inserted { runs[words[0], default: []].append(words) }
            }
            for (k, token) in tokens.enumerated() {
                let capitalised = token.raw.first?.isUppercase == true && token.raw.count >= 2 && !token.isNumeric
                let joins = run.isEmpty || token.gapBefore == " "
                if capitalised, !tool[k], joins {
                    run.append(k)
                } else {
                    close()
                    if capitalised, !tool[k] { run.append(k) }
                }
            }
            close()
        }
        runs = runs.mapValues { $0.sorted { $0.count > $1.count } }
    }

    var isEmpty: Bool { runs.isEmpty }

    /// Names the wording gives away in any part: "at X", "join X", "X is a …", "X's", "At X we",
    /// and unknown capitalised words the posting repeats three times or more (its own name).
    private mutating func learnFromContext(_ posting: PostingText, lexicon: Lexicon, seen: inout Set<String>) {
        var counts: [String: Int] = [:]
        for line in posting.lines where !line.tokens.isEmpty {
            let tokens = line.tokens
            let known = Set(lexicon.scan(tokens).flatMap { Array($0.range) })
            var k = 0
            while k < tokens.count {
                guard Self.isNameWord(tokens[k]), !known.contains(k) else { k += 1; continue }
                var end = k + 1
                while end < tokens.count, end - k < 4, tokens[end].gapBefore == " ", Self.isNameWord(tokens[end]) { end += 1 }
                // "TrueNorth Media", "KMW Group", "Tessaro GmbH": a company form after an unknown
                // capitalised word names a company, whether or not the vocabulary knows the form.
                let form = ((k + 1)..<end).first { Self.companyForms.contains(tokens[$0].lower) }
                if let form { end = form + 1 }
                let words = tokens[k..<end].map(\.raw)
                if !tokens[k].isSentenceStart || end - k > 1 { counts[words.joined(separator: " "), default: 0] += 1 }
                let before = k > 0 ? tokens[k - 1].lower : ""
                let after = end < tokens.count ? tokens[end].lower : ""
                let named = form != nil || Self.namePrefixes.contains(before) || Self.nameSuffixes.contains(after)
                    || (end < tokens.count && tokens[end].gapBefore.hasPrefix("'"))
                if named, seen.insert(words.joined(separator: " ")).inserted { runs[words[0], default: []].append(words) }
                k = end
            }
        }
        for (name, count) in counts where count >= 3 && seen.insert(name).inserted {
            let words = name.split(separator: " ").map(String.init)
            runs[words[0], default: []].append(words)
        }
    }

    private static func isNameWord(_ t: Token) -> Bool {
        t.raw.count >= 2 && t.raw.first?.isUppercase == true && !t.isNumeric
    }

    /// Words that end a company's name: legal forms and the trade a name states ("Media").
    static let companyForms: Set<String> = [
        "group", "gmbh", "ag", "se", "kg", "inc", "ltd", "llc", "llp", "plc", "corp", "corporation", "co", "company",
        "a/s", "as", "aps", "ab", "oy", "oyj", "asa", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "pty", "holding",
        "holdings", "labs", "lab", "media", "retail", "insurance", "logistics", "analytics", "bank", "consulting",
        "technologies", "solutions", "ventures", "partners", "capital", "pharma", "studios", "games", "foundation",
    ]

    private static let namePrefixes: Set<String> = ["at", "join", "joining", "joins", "contact", "hos", "bei", "chez"]
    private static let nameSuffixes: Set<String> = [
        "is", "are", "was", "has", "have", "offers", "provides", "we", "employs", "serves", "helps", "builds", "creates",
        "develops", "delivers", "specialises", "specializes", "operates", "ist", "est", "es",
    ]

    /// Marks the tokens of `line` that spell a learned name.
    func mask(_ tokens: [Token], into covered: inout [Bool]) {
        guard !runs.isEmpty else { return }
        for start in tokens.indices where !covered[start] {
            guard let candidates = runs[tokens[start].raw] else { continue }
            for run in candidates where start + run.count <= tokens.count {
                if (0..<run.count).allSatisfy({ tokens[start + $0].raw == run[$0] }) {
                    for k in start..<(start + run.count) { covered[k] = true }
                    break
                }
            }
        }
    }
}
