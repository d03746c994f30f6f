import IPC
import Testing

@testable import Gateway

/// Where a rule is written twice — once as code that checks a value, once as the pattern the
/// API document publishes — the two must accept exactly the same values, or a client that
/// trusts the document gets refused. Checked on generated strings.
@Suite("Schema agreement")
struct SchemaAgreementTests {
    /// Deterministic strings over an alphabet of the characters that matter.
    static func strings(_ alphabet: [String], count: Int, maxLength: Int, seed: UInt64) -> [String] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return (0..<count).map { _ in
            (0..<Int(next() % UInt64(maxLength + 1))).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }.joined()
        }
    }

    @Test func workspacePathsTheDocumentAllowsAreTheOnesTheServerAccepts() {
        let alphabet = ["a", "b", ".", "/", "~", "\\", "\u{0}", "\u{1f}", "\u{7f}", "é", "東", " ", "-", "_", "..", "analysis", "x"]
        var samples = Self.strings(alphabet, count: 20_000, maxLength: 12, seed: 7)
        samples += [String(repeating: "a", count: 60), String(repeating: "a", count: 61), "a/" + String(repeating: "é", count: 61), "resume.md"]
        for sample in samples {
            let documented = WorkspacePath.schema.violation(.string(sample)) == nil
            let accepted = (try? WorkspacePath(sample)) != nil
            #expect(documented == accepted, "\(sample.debugDescription): document \(documented), server \(accepted)")
        }
    }

    @Test func aSinglePathComponentTheDocumentAllowsIsOneTheServerAccepts() {
        let alphabet = ["a", ".", "~", "\\", "\u{0}", "é", " ", "-"]
        for sample in Self.strings(alphabet, count: 5_000, maxLength: 8, seed: 3) {
            let documented = WorkspacePath.componentSchema.violation(.string(sample)) == nil
            #expect(documented == ((try? WorkspacePath(sample)) != nil), "\(sample.debugDescription)")
        }
    }

    @Test func aJobDescriptionTextIsLongEnoughExactlyWhenTheDocumentSaysSo() {
        let blanks: Set<Character> = [" ", "\t", "\n", "\r"]
        let alphabet = ["a", " ", "\t", "\n", "\r", "\u{a0}", "é", "東"]
        for sample in Self.strings(alphabet, count: 5_000, maxLength: 30, seed: 11) {
            // The rule in words: at least 20 characters from the first non-blank to the last.
            let scalars = Array(sample.unicodeScalars)
            let first = scalars.firstIndex { !blanks.contains(Character($0)) }
            let last = scalars.lastIndex { !blanks.contains(Character($0)) }
            let expected = first.flatMap { f in last.map { $0 - f + 1 >= 20 } } ?? false
            #expect((JobDescriptionResource.text.violation(.string(sample)) == nil) == expected, "\(sample.debugDescription)")
        }
    }

    @Test func aMessageNeedsOneNonBlankCharacter() {
        #expect(RunsResource.message.violation(["content": "  hi "]) == nil)
        #expect(RunsResource.message.violation(["content": " \n\t"]) != nil)
        #expect(RunsResource.message.violation(["content": ""]) != nil)
        #expect(RunsResource.message.violation(["content": "hi", "extra": 1]) != nil)
    }

    @Test func jobDescriptionLinksAreHTTPWithAHost() {
        for good in ["https://jobs.example/1", "http://127.0.0.1:8080/job", "http://[::1]:9/x?y=1#z", "https://a-b.c.example/p%20q"] {
            #expect(JobDescriptionResource.url.violation(.string(good)) == nil, "\(good)")
        }
        for bad in ["ftp://x.example", "https://", "https:///path", "javascript:alert(1)", "https://a b.example", "https://x.example/%zz", "file:///etc/passwd"] {
            #expect(JobDescriptionResource.url.violation(.string(bad)) != nil, "\(bad)")
        }
    }
}
