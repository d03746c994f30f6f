import Foundation
import ResumeMatch

/// Train figures are flattered: the vocabulary learned the train split's annotated terms. A
/// held-out run reads each train posting as if it had never been seen: without the terms that
/// only that posting taught (`bench/vocabulary/train-terms.tsv`, written with the vocabulary),
/// unless ESCO names them too. What is left is what an unseen posting meets, so held-out train
/// is the split to develop on, and dev stays for measuring.
struct HeldOutVocabulary {
    /// Per posting ("tech:12"), the ids of the terms it alone taught.
    private let onlyFrom: [String: [String]]
    private let base = Lexicon.bundled

    init(provenance path: String) throws {
        var onlyFrom: [String: [String]] = [:]
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 3, columns[2] != "esco" else { continue }
            let postings = columns[1].split(separator: ",")
            if postings.count == 1 { onlyFrom[String(postings[0]), default: []].append(String(columns[0])) }
        }
        self.onlyFrom = onlyFrom
    }

    func lexicon(without posting: SkillSpanPosting) -> Lexicon {
        base.excluding(entryIDs: onlyFrom["\(posting.source):\(posting.idx)"] ?? [])
    }
}
