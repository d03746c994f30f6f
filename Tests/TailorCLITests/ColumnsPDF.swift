import Foundation

/// A one-page PDF with three columns of prose side by side (Helvetica, text placed exactly), the
/// page no template produces and whose reading order an import can only guess. Written here
/// because test targets share no code; ResumeKitTests' `TestPDF` is the general version.
enum ColumnsPDF {
    /// `withHeader`: a name, a contact line and an "Experience" title above the columns; without
    /// them the import has little to be sure of and is low-confidence.
    static func threeColumns(withHeader: Bool) -> Data {
        var lines: [(text: String, x: Int, y: Int, size: Int, bold: Bool)] = []
        if withHeader {
            lines += [("Jane Doe", 50, 60, 24, true), ("jane@example.com | Lisbon | +351 912 345 678", 50, 85, 10, false),
                      ("Experience", 50, 130, 14, true)]
        }
        for (index, x) in [50, 230, 410].enumerated() {
            lines += prose(seed: index * 3, lines: 24).enumerated().map { ($0.element, x, 160 + $0.offset * 13, 10, false) }
        }
        let stream = lines.map { "BT /\($0.bold ? "F2" : "F1") \($0.size) Tf 1 0 0 1 \($0.x) \(792 - $0.y) Tm (\($0.text)) Tj ET" }
            .joined(separator: "\n")
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents 6 0 R >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
        ]
        var output = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(output.utf8.count)
            output += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = output.utf8.count
        output += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        output += offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
        output += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(output.utf8)
    }

    /// Lines of plain ASCII prose about 150 points wide.
    private static func prose(seed: Int, lines: Int) -> [String] {
        let vocabulary = ["reliable", "systems", "for", "teams", "shipped", "the", "improved", "latency", "of", "customers", "data",
                          "and", "planning", "review", "to", "costs", "quality", "a", "weekly", "service", "in", "growth", "support",
                          "design", "release", "with"]
        var counter = seed
        return (0..<lines).map { _ in
            var words: [String] = []
            while Double((words + ["placeholder"]).joined(separator: " ").count) * 4.6 < 150 {
                words.append(vocabulary[counter % vocabulary.count])
                counter += 7
            }
            return words.joined(separator: " ")
        }
    }
}
