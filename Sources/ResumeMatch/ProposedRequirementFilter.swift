import Foundation
import ResumeKit

/// A requirement a language model proposes in addition to the local engine's.
public struct ProposedRequirement: Codable, Sendable, Equatable {
    /// What the job asks for, in a few words ("Kubernetes", "patient assessment").
    public var label: String
    /// The span of the job description that states it, copied verbatim.
    public var quote: String
    /// The model's view of how much the job insists; the posting's part decides when absent.
    public var priority: RequirementPriority?

    public init(label: String, quote: String, priority: RequirementPriority? = nil) {
        self.label = label
        self.quote = quote
        self.priority = priority
    }
}

/// Why a proposal was turned down, for logs and tests.
public enum ProposalRejection: String, Error, Sendable, Equatable {
    /// The quote is not a verbatim span of one line of the job description.
    case quoteNotInPosting = "quote_not_in_posting"
    /// The quote sits in a part that never states requirements (about us, benefits, legal, contacts, metadata, title).
    case notARequirementPart = "not_a_requirement_part"
    /// The label's words are not in the quote.
    case labelNotInQuote = "label_not_in_quote"
    /// The label is the posting's own name for its company, a person or a place, or a place word.
    case nameOrPlace = "name_or_place"
    /// The label says nothing checkable ("experience", "software development").
    case generic
    /// The local engine already lists it.
    case duplicate
}

/// Holds a model's extra requirements to the same standard as the local engine's: each must
/// quote the job description verbatim, from a part that states requirements, name words that
/// are in that quote, and not be a name, a place, a generic word or a duplicate. What passes
/// becomes an ordinary requirement (matched against the resume by the same evidence rules).
/// Pure and deterministic: the local engine's own output never depends on a model.
public enum ProposedRequirementFilter {
    public struct Verdict: Sendable, Equatable {
        public let proposal: ProposedRequirement
        /// nil when accepted.
        public let rejection: ProposalRejection?
    }

    /// A verdict for every proposal, in order.
    public static func review(
        _ proposals: [ProposedRequirement], jobDescription: String, lexicon: Lexicon = .bundled
    ) -> [Verdict] {
        let posting = PostingText(jobDescription, lexicon: lexicon)
        let existing = RequirementExtractor(lexicon: lexicon).extract(from: posting)
        var taken = Set(existing.map(\.id))
        return proposals.map { proposal in
            switch requirement(for: proposal, in: posting, lexicon: lexicon) {
            case .failure(let reason):
                return Verdict(proposal: proposal, rejection: reason)
            case .success(let r):
                guard taken.insert(r.id).inserted else { return Verdict(proposal: proposal, rejection: .duplicate) }
                return Verdict(proposal: proposal, rejection: nil)
            }
        }
    }

    /// The accepted proposals as requirements the analyzer can match.
    static func accepted(
        _ proposals: [ProposedRequirement], posting: PostingText, existing: [ExtractedRequirement], lexicon: Lexicon
    ) -> [ExtractedRequirement] {
        var taken = Set(existing.map(\.id))
        return proposals.compactMap { proposal in
            guard case .success(let r) = requirement(for: proposal, in: posting, lexicon: lexicon),
                  taken.insert(r.id).inserted else { return nil }
            return r
        }
    }

    private static func requirement(
        for proposal: ProposedRequirement, in posting: PostingText, lexicon: Lexicon
    ) -> Result<ExtractedRequirement, ProposalRejection> {
        let quote = proposal.quote.trimmingCharacters(in: .whitespaces)
        guard !quote.isEmpty, let line = posting.lines.first(where: { $0.content.contains(quote) }) else {
            return .failure(.quoteNotInPosting)
        }
        guard line.mayStateRequirements else { return .failure(.notARequirementPart) }
        let labelTokens = Tokenizer.tokenize(proposal.label)
        guard !labelTokens.isEmpty, let range = Lexicon.find(labelTokens.map(\.key), in: line.tokens) else {
            return .failure(.labelNotInQuote)
        }
        var covered = Array(repeating: false, count: line.tokens.count)
        PostingNames(posting: posting, lexicon: lexicon).mask(line.tokens, into: &covered)
        if labelTokens.allSatisfy({ lexicon.isGeneric($0) || Lexicon.vagueWords.contains($0.key) }) {
            return .failure(.generic)
        }
        if range.contains(where: { covered[$0] })
            || labelTokens.allSatisfy({ lexicon.isPlaceWord($0.lower) || lexicon.isNotTool($0.raw) }) {
            return .failure(.nameOrPlace)
        }
        let priority = proposal.priority ?? (line.part == .niceToHave ? .nice : .must)
        let jdTerm = Tokenizer.quote(line.content, line.tokens, range)
        if let hit = lexicon.scan(Array(line.tokens[range])).first, hit.range.count == range.count {
            let entry = lexicon.entries[hit.entry]
            if lexicon.isGenericEntry(hit.entry) { return .failure(.generic) }
            return .success(ExtractedRequirement(
                id: entry.id, label: entry.label, category: entry.category, priority: priority, jdLine: line.number,
                jdText: line.content, jdTerm: jdTerm, group: nil, matcher: .lexicon(entry: hit.entry), tokenRange: range))
        }
        let keys = labelTokens.map(\.key)
        return .success(ExtractedRequirement(
            id: "phrase:" + keys.joined(separator: " "), label: jdTerm, category: .hardSkill, priority: priority,
            jdLine: line.number, jdText: line.content, jdTerm: jdTerm, group: nil, matcher: .phrase(keys: keys),
            tokenRange: range))
    }
}

extension GapAnalyzer {
    /// As `analyze(resume:jobDescription:now:)`, adding the model-proposed requirements that
    /// pass `ProposedRequirementFilter`. With no proposals the report is the local engine's.
    public func analyze(
        resume: String, jobDescription: String, now: Date, proposed: [ProposedRequirement]
    ) -> GapReport {
        let posting = PostingText(jobDescription, lexicon: lexicon)
        let extracted = RequirementExtractor(lexicon: lexicon).extract(from: posting)
        let extra = ProposedRequirementFilter.accepted(proposed, posting: posting, existing: extracted, lexicon: lexicon)
        return report(resume: ResumeText(resume), requirements: extracted + extra, asOf: YearMonth(now))
    }
}
