import Foundation
import ResumeMatch

/// `--compile-lexicon ROOT`: compiles ResumeMatch's vocabulary sources
/// (`Sources/ResumeMatch/Vocabulary/lexicon.json` and `vocabulary.tsv`) into the image the module
/// ships (`Sources/ResumeMatch/Resources/lexicon.bin`). Run after changing either source; the
/// ResumeMatch tests fail while the shipped image is stale.
enum LexiconBuild {
    static func run(packageRoot: String) {
        let root = URL(fileURLWithPath: packageRoot)
        let sources = root.appendingPathComponent("Sources/ResumeMatch/Vocabulary")
        let output = root.appendingPathComponent("Sources/ResumeMatch/Resources/lexicon.bin")
        do {
            let json = try Data(contentsOf: sources.appendingPathComponent("lexicon.json"))
            let tsv = try String(contentsOf: sources.appendingPathComponent("vocabulary.tsv"), encoding: .utf8)
            let image = try LexiconCompiler.compile(json: json, vocabularyTSV: tsv)
            try image.write(to: output, options: .atomic)
            let lexicon = try Lexicon(image: image)
            print("\(lexicon.entryCount) entries, \(image.count) bytes -> \(output.path)")
        } catch {
            fail("cannot compile the lexicon: \(error)")
        }
    }
}
