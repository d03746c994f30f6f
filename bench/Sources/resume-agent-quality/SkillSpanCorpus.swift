import Foundation

/// One annotated posting of the SkillSpan corpus: its sentences in order, each with its tokens
/// and BIO tags (see `../shared/datasets/skillspan/README.md`).
struct SkillSpanPosting: Sendable {
    struct Sentence: Sendable, Decodable {
        let idx: Int
        let source: String
        let tokens: [String]
        let tagsSkill: [String]
        let tagsKnowledge: [String]

        enum CodingKeys: String, CodingKey {
            case idx, source, tokens
            case tagsSkill = "tags_skill"
            case tagsKnowledge = "tags_knowledge"
        }
    }

    let source: String
    let idx: Int
    var sentences: [Sentence]

    /// Token ranges of the annotated spans of one tag list, per sentence.
    func spans(knowledge: Bool) -> [[String]] {
        var result: [[String]] = []
        for sentence in sentences {
            let tags = knowledge ? sentence.tagsKnowledge : sentence.tagsSkill
            var current: [String] = []
            for (token, tag) in zip(sentence.tokens, tags) {
                if tag == "B" {
                    if !current.isEmpty { result.append(current) }
                    current = [token]
                } else if tag == "I", !current.isEmpty {
                    current.append(token)
                } else {
                    if !current.isEmpty { result.append(current) }
                    current = []
                }
            }
            if !current.isEmpty { result.append(current) }
        }
        return result
    }
}

/// Reads a split file (one JSON object a line) and groups its lines into postings by
/// (source, idx), keeping the file's order.
enum SkillSpanCorpus {
    struct ReadError: Error, CustomStringConvertible {
        let description: String
    }

    static func load(_ url: URL) throws -> [SkillSpanPosting] {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ReadError(description: "cannot read \(url.path): \(error)")
        }
        let decoder = JSONDecoder()
        var postings: [SkillSpanPosting] = []
        var index: [String: Int] = [:]
        for (number, line) in text.split(separator: "\n").enumerated() {
            let sentence: SkillSpanPosting.Sentence
            do {
                sentence = try decoder.decode(SkillSpanPosting.Sentence.self, from: Data(line.utf8))
            } catch {
                throw ReadError(description: "\(url.lastPathComponent) line \(number + 1): \(error)")
            }
            let key = "\(sentence.source)#\(sentence.idx)"
            if let at = index[key] {
                postings[at].sentences.append(sentence)
            } else {
                index[key] = postings.count
                postings.append(SkillSpanPosting(source: sentence.source, idx: sentence.idx, sentences: [sentence]))
            }
        }
        return postings
    }
}
