import Foundation

/// Writes small PDFs with text placed exactly where a test wants it (Helvetica, WinAnsi), so
/// layout rules can be tried on pages no template produced: three columns, running footers,
/// a cover letter, a tall page.
struct TestPDF {
    struct Text {
        var text: String
        var x: Double
        /// Baseline, from the top of the page.
        var y: Double
        var size: Double = 10
        var bold = false
    }

    var width = 612.0
    var height = 792.0
    private(set) var pages: [[Text]] = []

    mutating func page(_ texts: [Text]) { pages.append(texts) }

    var data: Data {
        var objects: [String] = []
        let pageIDs = pages.indices.map { 5 + $0 * 2 }
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        objects.append("<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages.count) >>")
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
        for (index, texts) in pages.enumerated() {
            let stream = texts.map { text in
                "BT /\(text.bold ? "F2" : "F1") \(text.size) Tf 1 0 0 1 \(text.x) \(height - text.y) Tm (\(escape(text.text))) Tj ET"
            }.joined(separator: "\n")
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)] "
                + "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents \(pageIDs[index] + 1) 0 R >>")
            objects.append("<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream")
        }
        var output = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(output.utf8.count)
            output += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = output.utf8.count
        output += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { output += String(format: "%010d 00000 n \n", offset) }
        output += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(output.utf8)
    }

    /// WinAnsi bytes as PDF string escapes: Latin-1 as is, and the dashes and bullet of
    /// Windows-1252 at their codes.
    private func escape(_ text: String) -> String {
        let windows: [Character: UInt8] = ["–": 0x96, "—": 0x97, "•": 0x95, "’": 0x92, "“": 0x93, "”": 0x94]
        var output = ""
        for character in text {
            if character == "\\" || character == "(" || character == ")" { output += "\\" + String(character); continue }
            let code: UInt32? = windows[character].map(UInt32.init) ?? character.unicodeScalars.first.map(\.value)
            guard let code, code < 256 else { output += "?"; continue }
            output += code < 128 ? String(character) : String(format: "\\%03o", code)
        }
        return output
    }

    /// Lines of `words` words of lorem-like prose, wrapped to `columnWidth` at 5.5 points a character.
    static func prose(_ seed: Int, lines: Int, x: Double, y: Double, columnWidth: Double) -> [Text] {
        let vocabulary = ["reliable", "systems", "for", "teams", "shipped", "the", "improved", "latency", "of", "customers", "data",
                          "and", "planning", "review", "to", "costs", "quality", "a", "weekly", "service", "in", "growth", "support",
                          "design", "release", "with"]
        var texts: [Text] = []
        var counter = seed
        for line in 0..<lines {
            var words: [String] = []
            while Double((words + ["placeholder"]).joined(separator: " ").count) * 4.6 < columnWidth {
                words.append(vocabulary[counter % vocabulary.count])
                counter += 7
            }
            texts.append(Text(text: words.joined(separator: " "), x: x, y: y + Double(line) * 13))
        }
        return texts
    }
}
