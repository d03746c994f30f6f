import Foundation

/// Finds what a page prints around the resume rather than in it: page numbers ("1/4",
/// "Page 2 of 3", "- 2 -") and date stamps near the top or bottom edge, and running headers and
/// footers, lines repeated at the same height on several pages. Furniture that holds contact
/// details (moderncv prints them in the footer of every page) is kept once, for the header.
struct PageFurniture {
    var kept: [[LayoutLine]]
    var dropped: [LayoutLine]
    /// One copy of each running line with contact details, in page order.
    var contactLines: [LayoutLine]

    static func separate(_ pages: [[LayoutLine]], heights: [Double]) -> PageFurniture {
        let repeated = repeatedKeys(pages, heights: heights)
        var result = PageFurniture(kept: [], dropped: [], contactLines: [])
        var seenContact = Set<String>()
        for (pageIndex, lines) in pages.enumerated() {
            let height = heights[pageIndex]
            var kept: [LayoutLine] = []
            for var line in lines {
                let edge = isNearEdge(line, height: height, share: 0.12)
                if repeated.contains(key(line, height: height)) {
                    result.dropped.append(line)
                    let text = line.cells.joined(separator: " ")
                    if HeaderBlock.looksLikeContact(text), seenContact.insert(text).inserted {
                        line.trailing.removeAll { isPageNumber($0) }
                        result.contactLines.append(line)
                    }
                    continue
                }
                if edge, isPageNumber(line.cells.joined(separator: " ")) || isDateStamp(line) {
                    result.dropped.append(line)
                    continue
                }
                // A page number set as the last cell of a footer line ("jdoe • more   1/4").
                if edge, let last = line.trailing.last, isPageNumber(last) {
                    line.trailing.removeLast()
                }
                kept.append(line)
            }
            result.kept.append(kept)
        }
        return result
    }

    /// Keys of lines that occur at the same height near the top or bottom of two or more pages
    /// (at least half of them).
    private static func repeatedKeys(_ pages: [[LayoutLine]], heights: [Double]) -> Set<String> {
        guard pages.count >= 2 else { return [] }
        var pagesWith: [String: Set<Int>] = [:]
        for (pageIndex, lines) in pages.enumerated() {
            for line in lines where isNearEdge(line, height: heights[pageIndex], share: 0.2) {
                pagesWith[key(line, height: heights[pageIndex]), default: []].insert(pageIndex)
            }
        }
        let needed = max(2, (pages.count + 1) / 2)
        return Set(pagesWith.filter { $0.value.count >= needed }.keys)
    }

    /// Text with digits blurred (page numbers change) plus the height band it sits in.
    private static func key(_ line: LayoutLine, height: Double) -> String {
        let text = line.cells.joined(separator: " ").lowercased().map { $0.isNumber ? "#" : $0 }
        let band = Int((line.y0 / max(height, 1) * 50).rounded())
        return String(text) + "@\(band)"
    }

    private static func isNearEdge(_ line: LayoutLine, height: Double, share: Double) -> Bool {
        line.y1 < height * share || line.y0 > height * (1 - share)
    }

    /// "3", "1/4", "2 / 4", "- 2 -", "Page 2", "Page 2 of 3", "Seite 2 von 3", "p. 2".
    static func isPageNumber(_ text: String) -> Bool {
        let folded = text.folded.trimmingCharacters(in: .init(charactersIn: " -–—|·•()[]"))
        guard !folded.isEmpty, folded.count <= 20, folded.contains(where: \.isNumber) else { return false }
        if folded.allSatisfy({ $0.isNumber || $0 == "/" || $0 == " " }) { return true }
        let words = folded.split(separator: " ").map(String.init)
        let pageWords: Set<String> = ["page", "pagina", "seite", "p.", "pag.", "pg", "pp.", "страница", "页"]
        let joinWords: Set<String> = ["of", "de", "von", "sur", "di", "van", "/"]
        guard let first = words.first, pageWords.contains(first) else { return false }
        return words.dropFirst().allSatisfy { word in word.allSatisfy(\.isNumber) || joinWords.contains(word) }
    }

    /// "Last updated in Mar 2026", "Updated 2024-05-01": a short line with a date and a word of
    /// updating, printed by resume builders at a page edge.
    private static func isDateStamp(_ line: LayoutLine) -> Bool {
        let text = line.cells.joined(separator: " ")
        guard text.wordCount <= 7, DateRangeParser.find(in: text) != nil else { return false }
        let folded = text.folded
        return ["updated", "last update", "aktualisiert", "actualizado", "mis a jour", "atualizado", "generated"].contains {
            folded.contains($0)
        }
    }
}
