/// Turns a de-identified SkillSpan posting back into text a user could paste: each run of
/// placeholders (`<ORGANIZATION>`, `<LOCATION>`, `<NAME>`, `<CONTACT>`, `<ADDRESS>`, …) becomes a
/// realistic stand-in, chosen deterministically from the posting's number so runs are repeatable.
///
/// The stand-ins are deliberately varied: company names include CamelCase and acronym forms
/// ("NordPay", "KMW Group") and cities include ones that are also common words, so the
/// analysis cannot pass by ignoring capitalised words.
struct PlaceholderStandIns {
    let seed: Int
    /// One employer per posting: a real posting names its own company the same way throughout.
    private let company: String
    private var counter = 0

    init(source: String, idx: Int) {
        seed = idx * 7 + (source == "tech" ? 3 : 11)
        company = Self.companies[seed % Self.companies.count]
    }

    /// The posting's sentences as lines of text, placeholders replaced.
    mutating func text(of posting: SkillSpanPosting) -> String {
        posting.sentences.map { line($0.tokens) }.joined(separator: "\n")
    }

    mutating func line(_ tokens: [String]) -> String {
        var words: [String] = []
        var i = 0
        while i < tokens.count {
            guard let (kind, rest) = Self.placeholder(tokens[i]) else {
                words.append(tokens[i])
                i += 1
                continue
            }
            // A run of the same placeholder ("<NAME> <NAME>", "<ADDRESS> × 4") is one thing.
            var j = i + 1
            while j < tokens.count, let (next, nextRest) = Self.placeholder(tokens[j]), next == kind, rest.isEmpty, nextRest.isEmpty {
                j += 1
            }
            words.append(standIn(kind, previous: words.last) + rest)
            i = j
        }
        return Self.detokenize(words)
    }

    private mutating func standIn(_ kind: String, previous: String?) -> String {
        counter += 1
        let n = seed + counter * 5
        switch kind {
        case "ORGANIZATION", "ORG": return counter % 4 == 3 ? Self.companies[(n / 2) % Self.companies.count] : company
        case "LOCATION": return Self.places[n % Self.places.count]
        case "NAME": return Self.people[n % Self.people.count]
        case "ADDRESS": return Self.addresses[n % Self.addresses.count]
        case "PROFESSION": return Self.professions[n % Self.professions.count]
        case "DESCRIPTION":
            return "\(company) is a privately held company founded in 2006 with 400 employees in \(Self.places[n % Self.places.count])."
        case "CONTACT":
            let lower = previous?.lowercased() ?? ""
            if ["mobile", "phone", "tel", "tel.", "telephone", "call"].contains(lower) { return Self.phones[n % Self.phones.count] }
            if ["at", "visit", "on"].contains(lower) { return Self.urls[n % Self.urls.count] }
            return [Self.emails, Self.phones, Self.urls][n % 3][n % Self.emails.count]
        default: return company
        }
    }

    /// `("NAME", "'s")` for "<NAME>'s"; nil for ordinary tokens.
    private static func placeholder(_ token: String) -> (String, String)? {
        guard token.hasPrefix("<"), let close = token.firstIndex(of: ">") else { return nil }
        let name = token[token.index(after: token.startIndex)..<close]
        guard !name.isEmpty, name.allSatisfy({ $0.isUppercase || $0 == "_" }) else { return nil }
        return (String(name), String(token[token.index(after: close)...]))
    }

    /// Tokens joined as written text: no space before closing punctuation or after "(".
    static func detokenize(_ words: [String]) -> String {
        var out = ""
        for word in words {
            let attach = out.isEmpty || out.hasSuffix("(") || [".", ",", ";", ":", "!", "?", ")", "%"].contains(word)
            out += (attach ? "" : " ") + word
        }
        return out
    }

    static let companies = [
        "Northwind Logistics", "Brightwave", "NordPay", "Helix Analytics", "KMW Group", "Fjordline Software",
        "Tessaro GmbH", "BlueHarbor", "Quantix A/S", "Skyline Labs", "Vandmark", "Lumen Health", "DataVault ApS",
        "Cobalt Retail", "Ostra Energy", "Greystone Bank", "PixelForge", "Meridian Insurance", "Solvik", "TrueNorth Media",
    ]

    static let places = [
        "Copenhagen", "Aarhus", "Berlin", "Springfield", "London", "Amsterdam", "Stockholm", "Oslo", "Munich", "Austin",
        "Boston", "Vienna", "Zurich", "Warsaw", "Lisbon", "Dublin", "Odense", "Hamburg", "Denmark", "Germany",
        "Sweden", "Norway", "the Netherlands", "Poland", "Reading", "Bath", "Mobile", "Nice",
    ]

    static let people = [
        "Mette Hansen", "Lars Nielsen", "Anna Schmidt", "Jonas Berg", "Sofia Rossi", "Priya Raman", "Tom Becker",
        "Camille Durand", "Mikkel Sørensen", "Grace Okafor", "Daniel Kim", "Laura Jensen", "Peter Holm",
    ]

    static let addresses = [
        "Nørregade 14", "12 Harbour Street", "Friedrichstraße 68", "400 Congress Avenue", "Strandvejen 100",
        "Keizersgracht 221",
    ]

    static let professions = ["Software Engineer", "Project Manager", "Nurse", "Electrician", "Sales Consultant"]
    static let emails = ["jobs@northwind.example", "careers@brightwave.example", "mette.hansen@nordpay.example"]
    static let phones = ["+45 70 20 30 40", "+49 30 1234 5678", "(512) 555-0199"]
    static let urls = ["www.brightwave.example/careers", "https://jobs.example.com/apply", "nordpay.example/jobs"]
}
