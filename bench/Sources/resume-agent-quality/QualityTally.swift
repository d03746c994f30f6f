/// Counts for one slice of the corpus (a split, or a split's source) and the items behind them.
struct QualityTally {
    var postings = 0
    var requirements = 0
    var rightRequirements = 0
    var knowledgeSpans = 0
    var foundSpans = 0
    var falseRequirements: [String: Int] = [:]
    var missedSpans: [String: Int] = [:]

    var precision: Double { requirements == 0 ? 0 : Double(rightRequirements) / Double(requirements) }
    var recall: Double { knowledgeSpans == 0 ? 0 : Double(foundSpans) / Double(knowledgeSpans) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    /// Scores one posting's requirement labels against its annotation.
    mutating func add(labels: [String], posting: SkillSpanPosting) {
        postings += 1
        let annotated = Set((posting.spans(knowledge: true) + posting.spans(knowledge: false))
            .flatMap { LooseMatch.words($0.joined(separator: " ")) })
        var requirementWords = Set<String>()
        for label in labels {
            let specific = LooseMatch.specificWords(label)
            requirementWords.formUnion(specific)
            requirements += 1
            if specific.contains(where: annotated.contains) {
                rightRequirements += 1
            } else {
                falseRequirements[label.lowercased(), default: 0] += 1
            }
        }
        // The same span written twice in one posting is one item.
        var seen = Set<String>()
        for span in posting.spans(knowledge: true) {
            let text = span.joined(separator: " ")
            let key = LooseMatch.words(text).joined(separator: " ")
            guard seen.insert(key).inserted else { continue }
            let specific = LooseMatch.specificWords(text)
            guard !specific.isEmpty else { continue }
            knowledgeSpans += 1
            if specific.contains(where: requirementWords.contains) {
                foundSpans += 1
            } else {
                missedSpans[key, default: 0] += 1
            }
        }
    }

    mutating func merge(_ other: QualityTally) {
        postings += other.postings
        requirements += other.requirements
        rightRequirements += other.rightRequirements
        knowledgeSpans += other.knowledgeSpans
        foundSpans += other.foundSpans
        falseRequirements.merge(other.falseRequirements, uniquingKeysWith: +)
        missedSpans.merge(other.missedSpans, uniquingKeysWith: +)
    }

    static func top(_ counts: [String: Int], _ n: Int) -> [(String, Int)] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(n).map { ($0.key, $0.value) }
    }
}
