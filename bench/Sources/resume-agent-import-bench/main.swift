import Foundation
import ResumeKit
#if canImport(Glibc)
import Glibc
#endif

// Scores the PDF importer against hand-written expected structures and times it.
//
//   resume-agent-import-bench [--data DIR] [--expected DIR] [--iterations N] [--markdown OUTDIR] [--notes]
//
// Prints one row per document (name, sections, entries, bullets, furniture, mean) and the import
// time per page (p50 and p90 over N imports of each document). Exits 1 when a document scores
// under 0.95, so `bench/import.sh` can gate on it.

struct Options {
    var data = URL(fileURLWithPath: "../shared/datasets/real-resumes")
    var expected = URL(fileURLWithPath: "bench/import-expected")
    var iterations = 20
    var markdownOutput: URL?
    var showNotes = false

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--data": data = URL(fileURLWithPath: iterator.next() ?? data.path)
            case "--expected": expected = URL(fileURLWithPath: iterator.next() ?? expected.path)
            case "--iterations": iterations = max(1, Int(iterator.next() ?? "") ?? iterations)
            case "--markdown": markdownOutput = iterator.next().map { URL(fileURLWithPath: $0) }
            case "--notes": showNotes = true
            default:
                FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
                exit(2)
            }
        }
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let files = (try? FileManager.default.contentsOfDirectory(at: options.expected, includingPropertiesForKeys: nil)) ?? []
let expectations = files.filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
guard !expectations.isEmpty else {
    FileHandle.standardError.write(Data("no expected structures in \(options.expected.path)\n".utf8))
    exit(2)
}
if let output = options.markdownOutput {
    try? FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
}

func format(_ value: Double) -> String { String(format: "%.2f", value) }

print("| document | name | sections | entries | bullets | furniture | score | pages | p50 ms/page | p90 ms/page | p50 CPU ms/page |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
var failures = 0
var perPageTimes: [Double] = []
var perPageCPU: [Double] = []
var allNotes: [String] = []
for url in expectations {
    let expected: ExpectedResume
    do { expected = try ExpectedResume.load(url) } catch {
        print("| \(url.lastPathComponent) | unreadable expected file: \(error) |")
        failures += 1
        continue
    }
    let pdf = options.data.appendingPathComponent(expected.document)
    guard let data = FileManager.default.contents(atPath: pdf.path) else {
        print("| \(expected.document) | missing |")
        failures += 1
        continue
    }
    let imported: ImportedResume
    do {
        imported = try ResumeImporter.import(data: data, filename: expected.document, declaredContentType: nil)
    } catch {
        print("| \(expected.document) | import failed: \(error.code) |")
        failures += 1
        continue
    }
    if let output = options.markdownOutput {
        let base = output.appendingPathComponent((expected.document as NSString).deletingPathExtension)
        try? Data(imported.markdown.utf8).write(to: base.appendingPathExtension("md"))
    }
    let pages = max(1, PageCounter.pages(data))
    let clock = ContinuousClock()
    var times: [Double] = []
    var cpuTimes: [Double] = []
    for _ in 0..<options.iterations {
        let cpuStart = threadCPUMilliseconds()
        let elapsed = clock.measure { _ = try? ResumeImporter.import(data: data, filename: expected.document, declaredContentType: nil) }
        cpuTimes.append((threadCPUMilliseconds() - cpuStart) / Double(pages))
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        times.append(milliseconds / Double(pages))
    }
    times.sort()
    cpuTimes.sort()
    perPageTimes += times
    perPageCPU += cpuTimes
    let score = ImportScore(expected: expected, imported: imported)
    if score.total < 0.95 { failures += 1 }
    let cells = [score.name, score.sections, score.entries, score.bullets, score.furniture, score.total].map(format)
    print("| \(expected.document) | " + cells.joined(separator: " | ")
        + " | \(pages) | \(format(percentile(times, 0.5))) | \(format(percentile(times, 0.9))) | \(format(percentile(cpuTimes, 0.5))) |")
    allNotes += score.notes.map { "\(expected.document): \($0)" }
}
perPageTimes.sort()
perPageCPU.sort()
print("")
print("all documents: p50 \(format(percentile(perPageTimes, 0.5))) ms/page, p90 \(format(percentile(perPageTimes, 0.9))) ms/page over \(perPageTimes.count) imports"
    + " (CPU time of the importing thread: p50 \(format(percentile(perPageCPU, 0.5))) ms/page; wall time grows when the machine is shared)")
if options.showNotes {
    print("")
    for note in allNotes { print("- " + note) }
}
exit(failures == 0 ? 0 : 1)

/// CPU time of this thread, which other processes on a shared machine do not inflate.
func threadCPUMilliseconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1e6
}

func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let index = min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))
    return sorted[index]
}
