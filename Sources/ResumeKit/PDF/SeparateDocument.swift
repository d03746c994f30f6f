/// Finds where a PDF stops being the resume: a later page that starts over with the resume's
/// own header (a cover letter made with the same template), or a page of continuous prose with
/// no section heading and no list (a letter). Pages from there on are left out of the import,
/// and the report says so.
enum SeparateDocument {
    /// The index of the first page that is not part of the resume, if any.
    static func firstForeignPage(_ pages: [[LayoutLine]], headingStyle: (Double) -> Bool) -> Int? {
        guard pages.count >= 2, let first = pages.first else { return nil }
        let opening = Set(first.prefix(3).map(\.text).filter { $0.count >= 3 })
        let repeats = pages.map { lines in
            !opening.isEmpty && lines.prefix(3).filter { opening.contains($0.text) }.count >= min(2, opening.count)
        }
        // A header on every page is a running header, not a second document.
        let runningHeader = repeats.dropFirst().allSatisfy { $0 }
        for index in 1..<pages.count where !pages[index].isEmpty {
            if repeats[index] && !runningHeader && !repeats[index - 1] { return index }
            if isLetter(pages[index], headingStyle: headingStyle) { return index }
        }
        return nil
    }

    /// A letter: long lines of running text (at least eight, a third of the page), no list
    /// items, no section heading, and a short line ending in a comma or colon just before the
    /// first paragraph (the salutation: "Dear Sir or Madam,", "Sehr geehrte Damen und Herren,").
    private static func isLetter(_ lines: [LayoutLine], headingStyle: (Double) -> Bool) -> Bool {
        guard lines.count >= 10 else { return false }
        if lines.contains(where: { $0.startsWithBullet && !GlyphText.isTemplateMark($0.bullet ?? "") }) { return false }
        if lines.contains(where: { headingStyle($0.fontSize) && SectionHeadings.kind(of: $0.text) != nil }) { return false }
        let isProse = { (line: LayoutLine) in line.text.wordCount >= 8 }
        let prose = lines.filter(isProse).count
        guard prose >= 8, Double(prose) >= Double(lines.count) * 0.35, let firstProse = lines.firstIndex(where: isProse) else { return false }
        return lines[..<firstProse].suffix(2).contains { line in
            line.text.wordCount <= 6 && (line.text.hasSuffix(",") || line.text.hasSuffix(":"))
        }
    }
}
