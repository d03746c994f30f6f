/// A number as a claim: "40%", "$2M", "4,000", "three". Values are compared with their kind,
/// so "40 ms" in the original does not license a new "40%".
struct NumberClaim: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case plain, percent, money, year }

    let value: Double
    let kind: Kind
    /// As written, for the flag.
    let text: String

    /// All numbers in a line. Digits glued to letters ("p99", "S3", "EC2") are names, not numbers.
    static func scan(_ line: String) -> [NumberClaim] {
        let chars = Array(line)
        var result: [NumberClaim] = []
        var i = 0
        while i < chars.count {
            let startsNumber = chars[i].isNumber && (i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber))
            guard startsNumber else {
                if let word = numberWord(chars, at: i) {
                    result.append(NumberClaim(value: Double(word.value), kind: .plain, text: word.text))
                    i += word.text.count
                } else {
                    i += 1
                }
                continue
            }
            let start = i
            var digits = ""
            while i < chars.count, chars[i].isNumber || ((chars[i] == "," || chars[i] == ".") && i + 1 < chars.count && chars[i + 1].isNumber) {
                if chars[i] != "," { digits.append(chars[i]) }
                i += 1
            }
            // A letter straight after the digits ("3D", "4G") makes a name unless it is a multiplier.
            var multiplier = 1.0
            var j = i
            while j < chars.count, chars[j] == " " { j += 1 }
            let rest = String(chars[j..<min(chars.count, j + 9)]).lowercased()
            let glued = j == i
            for (word, factor) in multipliers where rest.hasPrefix(word) {
                let end = j + word.count
                guard end >= chars.count || !chars[end].isLetter else { continue }
                guard glued || word.count > 2 else { continue }
                multiplier = factor
                j = end
                break
            }
            if multiplier == 1, i < chars.count, chars[i].isLetter { continue }
            let value = (Double(digits) ?? 0) * multiplier
            let before = start > 0 ? String(chars[max(0, start - 2)..<start]) : ""
            let after = multiplier == 1 ? rest : String(chars[j..<min(chars.count, j + 9)]).lowercased()
            let kind = classify(digits: digits, value: value, before: before, after: after, multiplied: multiplier != 1)
            let end = kind == .percent && i < chars.count && chars[i] == "%" ? i + 1 : (multiplier == 1 ? i : j)
            result.append(NumberClaim(value: value, kind: kind, text: String(chars[max(0, start - (kind == .money && before.last.map(isCurrency) == true ? 1 : 0))..<end])))
            i = max(i, end)
        }
        return result
    }

    private static func classify(digits: String, value: Double, before: String, after: String, multiplied: Bool) -> Kind {
        if after.hasPrefix("%") || after.hasPrefix(" %") || after.hasPrefix("percent") || after.hasPrefix("por ciento")
            || after.hasPrefix("prozent") || after.hasPrefix("pour cent") {
            return .percent
        }
        if before.contains(where: isCurrency) || after.hasPrefix("€") || after.hasPrefix("usd") || after.hasPrefix("eur")
            || after.hasPrefix("dollars") {
            return .money
        }
        if !multiplied, digits.count == 4, !digits.contains("."), value >= 1950, value <= 2100 { return .year }
        return .plain
    }

    private static func isCurrency(_ c: Character) -> Bool { "$€£¥".contains(c) }

    private static let multipliers: [(String, Double)] = [
        ("million", 1e6), ("millones", 1e6), ("millionen", 1e6), ("billion", 1e9), ("thousand", 1e3), ("mil ", 1e3),
        ("mm", 1e6), ("bn", 1e9), ("k", 1e3), ("m", 1e6), ("b", 1e9),
    ]

    private static func numberWord(_ chars: [Character], at i: Int) -> (value: Int, text: String)? {
        guard chars[i].isLetter, i == 0 || !chars[i - 1].isLetter else { return nil }
        var j = i
        while j < chars.count, chars[j].isLetter { j += 1 }
        let word = String(chars[i..<j])
        guard let value = wordValues[word.lowercased()] else { return nil }
        return (value, word)
    }

    private static let wordValues: [String: Int] = [
        "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100,
        "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000, "millions": 2_000_000,
    ]
}
