#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ResumeMatch

// Requirement-extraction quality on the SkillSpan train and dev splits, through the same entry
// point the worker's `analyze` job and `analyze_gap` tool call (`GapAnalyzer.analyze`), scored
// with the loose span matching of issue 10 (see LooseMatch.swift), plus the time one analysis
// takes. Usage (release build; see bench/quality.sh and bench/README-quality.md):
//
//   resume-agent-quality [--data DIR] [--splits train,dev] [--resume FILE] [--top N]
//                        [--timing-rounds N] [--dump SPLIT:SOURCE:IDX]

struct Options {
    var data = "../shared/datasets/skillspan"
    var splits = ["train", "dev"]
    var resume = "../shared/fixtures/resumes/alex-chen.md"
    var top = 20
    var timingRounds = 5
    var dump: String?
    var proposals = 0
    /// Package root to compile the vocabulary in (Vocabulary/ → Resources/lexicon.bin), then exit.
    var compileLexicon: String?
    /// Read each train posting without the vocabulary terms only it taught (see HeldOutVocabulary).
    var holdout = false
    /// Print right/false requirements and found/missed spans per part of the posting.
    var breakdown = false
    /// With --breakdown: print the lines holding missed spans in these parts ("tech application").
    var missedIn: [String] = []
    /// Print every requirement (ok/BAD) and missed span of every posting, for diffing two runs.
    var list = false
    var provenance = "bench/vocabulary/train-terms.tsv"

    init(_ arguments: [String]) {
        var i = 0
        func value() -> String {
            i += 1
            guard i < arguments.count else { fail("missing value after \(arguments[i - 1])") }
            return arguments[i]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--data": data = value()
            case "--splits": splits = value().split(separator: ",").map(String.init)
            case "--resume": resume = value()
            case "--top": top = Int(value()) ?? top
            case "--timing-rounds": timingRounds = Int(value()) ?? timingRounds
            case "--dump": dump = value()
            case "--proposals": proposals = Int(value()) ?? 0
            case "--compile-lexicon": compileLexicon = value()
            case "--holdout": holdout = true
            case "--breakdown": breakdown = true
            case "--missed-in": missedIn.append(value())
            case "--list": list = true
            case "--provenance": provenance = value()
            case "-h", "--help":
                print("resume-agent-quality [--data DIR] [--splits train,dev] [--resume FILE] [--top N] [--timing-rounds N] [--dump SPLIT:SOURCE:IDX] [--holdout] [--proposals N] [--compile-lexicon ROOT]")
                exit(0)
            default: fail("unknown argument \(arguments[i])")
            }
            i += 1
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("resume-agent-quality: \(message)\n".utf8))
    exit(2)
}

/// "Present" for every run, so results never drift with the calendar.
let asOf = Date(timeIntervalSince1970: 1_718_409_600)  // 2024-06-15
let options = Options(Array(CommandLine.arguments.dropFirst()))
if let root = options.compileLexicon {
    LexiconBuild.run(packageRoot: root)
    exit(0)
}

let resume: String
do {
    resume = try String(contentsOfFile: options.resume, encoding: .utf8)
} catch {
    fail("cannot read the resume \(options.resume): \(error)")
}

func threadCPUMilliseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e3 + Double(ts.tv_nsec) / 1e6
}

func milliseconds(_ d: Duration) -> Double {
    Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1e3
}

// What a fresh worker pays before its first analysis: loading the vocabulary (the first load
// in this process, as in a worker), then the first analysis on top of it.
let lexiconStart = ContinuousClock.now
let lexiconCPUStart = threadCPUMilliseconds()
do { _ = try Lexicon.loadBundled() } catch { fail("cannot load the vocabulary: \(error)") }
let lexiconLoad = milliseconds(ContinuousClock.now - lexiconStart)
let lexiconLoadCPU = threadCPUMilliseconds() - lexiconCPUStart
let analyzer = GapAnalyzer()
let firstStart = ContinuousClock.now
_ = analyzer.analyze(resume: "", jobDescription: "Python", now: asOf)
let firstAnalysis = milliseconds(ContinuousClock.now - firstStart)

let heldOut: HeldOutVocabulary? = options.holdout ? {
    do { return try HeldOutVocabulary(provenance: options.provenance) } catch { fail("\(error)") }
}() : nil

/// The analyzer for a posting: the product's, or in a held-out run (train only) one whose
/// vocabulary lacks the terms that posting alone taught it.
func analyzer(for posting: SkillSpanPosting, split: String) -> GapAnalyzer {
    guard split == "train", let heldOut else { return analyzer }
    return GapAnalyzer(lexicon: heldOut.lexicon(without: posting))
}

func postingText(_ posting: SkillSpanPosting) -> String {
    var standIns = PlaceholderStandIns(source: posting.source, idx: posting.idx)
    return standIns.text(of: posting)
}

/// What each listed requirement says: its label and the job description's own words for it
/// (`jd_term`, e.g. "k8s" for Kubernetes) — never the whole line.
func requirementLabels(_ report: GapReport) -> [String] {
    report.requirements.filter { $0.category != .yearsOfExperience }.map { r in
        r.jdTerm.map { $0.lowercased() == r.label.lowercased() ? r.label : "\(r.label) [\($0)]" } ?? r.label
    }
}

var corpora: [(String, [SkillSpanPosting])] = []
for split in options.splits {
    do {
        corpora.append((split, try SkillSpanCorpus.load(URL(fileURLWithPath: options.data).appendingPathComponent("\(split).json"))))
    } catch {
        fail("\(error)")
    }
}

if let dump = options.dump {
    let parts = dump.split(separator: ":").map(String.init)
    guard parts.count == 3, let idx = Int(parts[2]),
          let posting = corpora.first(where: { $0.0 == parts[0] })?.1.first(where: { $0.source == parts[1] && $0.idx == idx }) else {
        fail("--dump wants SPLIT:SOURCE:IDX of a loaded split, e.g. dev:tech:3")
    }
    let text = postingText(posting)
    let report = analyzer(for: posting, split: parts[0]).analyze(resume: resume, jobDescription: text, now: asOf)
    for piece in analyzer.readPosting(text) { print("\(piece.line)\t\(piece.part.rawValue)\t\(piece.text)") }
    print("\n--- requirements")
    for r in report.requirements {
        let right = LooseMatch.specificWords(r.label + " " + (r.jdTerm ?? "")).contains(where: Set((posting.spans(knowledge: true) + posting.spans(knowledge: false))
            .flatMap { LooseMatch.words($0.joined(separator: " ")) }).contains)
        print("\(right ? "ok " : "BAD") \(r.priority.rawValue) \(r.category.rawValue) line \(r.jdLine): \(r.label) [\(r.jdTerm ?? "")]")
    }
    print("\n--- knowledge spans")
    for span in posting.spans(knowledge: true) { print(span.joined(separator: " ")) }
    exit(0)
}

// Read the rewrite planner's proposals for the first N postings of each split against the resume.
if options.proposals > 0 {
    for (split, postings) in corpora {
        for posting in postings.prefix(options.proposals) {
            let text = postingText(posting)
            let report = analyzer(for: posting, split: split).analyze(resume: resume, jobDescription: text, now: asOf)
            print("== \(split):\(posting.source):\(posting.idx) score \(report.score.score)")
            for p in RewritePlanner.propose(resume: resume, jd: text, report: report) {
                print("  [\(p.kind.rawValue)] \(p.title)")
                print("    " + p.newText.split(separator: "\n").prefix(2).joined(separator: " / "))
                print("    why: " + p.rationale)
            }
            for s in report.suggestions.prefix(3) { print("  suggestion: \(s.message)") }
        }
    }
    exit(0)
}

func row(_ name: String, _ t: QualityTally) -> String {
    "| \(name) | \(t.postings) | \(t.requirements) | \(String(format: "%.3f", t.precision)) | \(t.knowledgeSpans) | "
        + "\(String(format: "%.3f", t.recall)) | \(String(format: "%.3f", t.f1)) |"
}

print("## Requirement quality (loose span matching, issue 10)\n")
print("| split / source | postings | requirements | precision | knowledge spans | knowledge recall | F1 |")
print("|---|---:|---:|---:|---:|---:|---:|")
var splitTallies: [(String, QualityTally)] = []
var breakdowns: [(String, PartBreakdown)] = []
/// Right and false requirements per origin of the requirement (vocabulary, tool shape, phrase, …).
var byOrigin: [String: (right: Int, all: Int)] = [:]
func origin(_ r: RequirementMatch) -> String {
    let id = r.alternatives != nil ? "group" : r.id
    for prefix in ["term:", "phrase:", "esco:", "ss:", "degree:", "group"] where id.hasPrefix(prefix) {
        return String(prefix.prefix { $0 != ":" })
    }
    return "curated"
}
for (name, postings) in corpora {
    let split = name
    let shown = split == "train" && heldOut != nil ? "train (held out)" : split
    var bySource: [String: QualityTally] = [:]
    var parts = PartBreakdown()
    for posting in postings {
        let text = postingText(posting)
        let report = analyzer(for: posting, split: split).analyze(resume: resume, jobDescription: text, now: asOf)
        if options.breakdown { parts.add(report: report, text: text, posting: posting) }
        if options.list { PostingListing.print(report: report, posting: posting, split: split, pieces: analyzer.readPosting(text)) }
        bySource[posting.source, default: QualityTally()].add(labels: requirementLabels(report), posting: posting)
        let annotated = Set((posting.spans(knowledge: true) + posting.spans(knowledge: false))
            .flatMap { LooseMatch.words($0.joined(separator: " ")) })
        for r in report.requirements where r.category != .yearsOfExperience {
            let right = LooseMatch.specificWords(r.label + " " + (r.jdTerm ?? "")).contains(where: annotated.contains)
            let key = "\(split) \(origin(r))\(r.label.contains(" ") ? "" : " (1 word)")"
            byOrigin[key, default: (0, 0)].all += 1
            if right { byOrigin[key, default: (0, 0)].right += 1 }
        }
    }
    var all = QualityTally()
    for source in bySource.keys.sorted() {
        print(row("\(shown) / \(source)", bySource[source]!))
        all.merge(bySource[source]!)
    }
    print(row("**\(shown)**", all))
    if options.breakdown { breakdowns.append((shown, parts)) }
    splitTallies.append((shown, all))
}

print("\n### Precision by origin of the requirement\n")
for key in byOrigin.keys.sorted() {
    let v = byOrigin[key]!
    print("- \(key): \(v.right)/\(v.all) = \(String(format: "%.2f", Double(v.right) / Double(max(v.all, 1))))")
}

for (split, parts) in breakdowns {
    parts.printed(split)
    for key in options.missedIn {
        print("\n### \(split): lines with missed spans in \(key)\n")
        for line in parts.missedLines[key] ?? [] { print("- " + line) }
    }
}

for (split, tally) in splitTallies {
    print("\n### \(split): the \(options.top) most frequent false requirements\n")
    print(QualityTally.top(tally.falseRequirements, options.top).map { "\($0.1)× \($0.0)" }.joined(separator: " · "))
    print("\n### \(split): the \(options.top) most frequent missed knowledge spans\n")
    print(QualityTally.top(tally.missedSpans, options.top).map { "\($0.1)× \($0.0)" }.joined(separator: " · "))
}

// Timing: every posting of the loaded splits, `timingRounds` times, after one warm-up pass.
// Wall time, and this thread's CPU time: on a shared machine the second is the steadier figure.
var samples: [Double] = []
var cpuSamples: [Double] = []
let texts = corpora.flatMap { $0.1 }.map(postingText)
for round in 0...options.timingRounds {
    for text in texts {
        let cpuStart = threadCPUMilliseconds()
        let start = ContinuousClock.now
        let report = analyzer.analyze(resume: resume, jobDescription: text, now: asOf)
        let elapsed = ContinuousClock.now - start
        let cpu = threadCPUMilliseconds() - cpuStart
        precondition(report.schemaVersion > 0)
        if round > 0 {
            samples.append(milliseconds(elapsed))
            cpuSamples.append(cpu)
        }
    }
}
samples.sort()
cpuSamples.sort()
/// Nearest-rank percentile of sorted values.
func percentile(_ p: Double, of sorted: [Double]) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))]
}
print("\n## Timing (one posting's full analysis against \(URL(fileURLWithPath: options.resume).lastPathComponent))\n")
print("| measure | value |")
print("|---|---:|")
print("| analyses timed | \(samples.count) |")
print("| p50 | \(String(format: "%.2f", percentile(50, of: samples))) ms |")
print("| p95 | \(String(format: "%.2f", percentile(95, of: samples))) ms |")
print("| p99 | \(String(format: "%.2f", percentile(99, of: samples))) ms |")
print("| max | \(String(format: "%.2f", samples.last ?? .nan)) ms |")
print("| p50 thread CPU | \(String(format: "%.2f", percentile(50, of: cpuSamples))) ms |")
print("| p95 thread CPU | \(String(format: "%.2f", percentile(95, of: cpuSamples))) ms |")
print("| p99 thread CPU | \(String(format: "%.2f", percentile(99, of: cpuSamples))) ms |")
print("| vocabulary load, first in process (wall / thread CPU) | \(String(format: "%.2f", lexiconLoad)) / \(String(format: "%.2f", lexiconLoadCPU)) ms |")
print("| first analysis after the load | \(String(format: "%.2f", firstAnalysis)) ms |")
