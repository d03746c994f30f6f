/// Makes each group of alternatives one requirement: "Tableau or Looker" is one thing the job
/// asks for, satisfied by either. The combined requirement takes its best member's status and
/// evidence and lists every member with its own verdict in `alternatives`.
enum AlternativeGroups {
    static func combine(_ matches: [RequirementMatch]) -> [RequirementMatch] {
        var members: [Int: [RequirementMatch]] = [:]
        for m in matches { if let g = m.anyOfGroup { members[g, default: []].append(m) } }
        var emitted = Set<Int>()
        var result: [RequirementMatch] = []
        for m in matches {
            guard let g = m.anyOfGroup, let group = members[g], group.count >= 2 else {
                result.append(m)
                continue
            }
            guard emitted.insert(g).inserted else { continue }
            result.append(combined(group))
        }
        return result
    }

    private static func combined(_ group: [RequirementMatch]) -> RequirementMatch {
        // Best status wins; among equals, the first written.
        let best = group.enumerated().max { a, b in
            a.element.status.credit != b.element.status.credit
                ? a.element.status.credit < b.element.status.credit : a.offset > b.offset
        }!.element
        var r = best
        r.id = "any:" + group.map(\.id).joined(separator: "|")
        r.label = orList(group.map(\.label))
        r.priority = group.map(\.priority).max()!
        r.jdLine = group[0].jdLine
        r.jdText = group[0].jdText
        let terms = group.compactMap(\.jdTerm)
        r.jdTerm = terms.isEmpty ? nil : orList(terms)
        r.alternatives = group.map { .init(id: $0.id, label: $0.label, status: $0.status) }
        if best.status == .supported, group.contains(where: { $0.status != .supported }) {
            r.note = "Any one of these satisfies the requirement; the resume shows \(best.label)."
        }
        return r
    }

    /// "A or B", "A, B or C".
    static func orList(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " or " + items[items.count - 1]
    }
}
