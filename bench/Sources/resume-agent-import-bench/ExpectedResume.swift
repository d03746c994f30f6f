import Foundation

/// What a person reading the PDF sees, written by hand in `bench/import-expected/*.json`.
///
/// Entries give the organisation, the title and either the start date (`"2012-08"`, `"2012"`)
/// or, for templates whose dates are placeholders ("year–year"), the dates text as printed.
/// `absent` lists text that must not appear in any section: page furniture (page numbers,
/// running headers and footers), contact details that belong in the header, and pages that are
/// not part of the resume (a cover letter).
struct ExpectedResume: Decodable {
    struct Entry: Decodable {
        var section: String
        var organization: String
        var title: String
        var start: String?
        var dates: String?
    }

    var document: String
    var name: String
    var sections: [String]
    var entries: [Entry]
    var bullets: [String]
    var absent: [String]

    static func load(_ url: URL) throws -> ExpectedResume {
        try JSONDecoder().decode(ExpectedResume.self, from: Data(contentsOf: url))
    }
}
