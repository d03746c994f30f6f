import Testing
@testable import ResumeMatch

/// Enumeration coherence: a list that is mostly known tools vouches for its other product-like
/// items, and a list of cities, people or perks (no known tool in it) vouches for nothing.
@Suite struct EnumerationCoherenceTests {
    // MARK: The rule on its own (known terms given, no vocabulary involved)

    /// The words of `line` that the rule adds, with `known` the words the vocabulary knows and
    /// every other capitalised word a candidate.
    private func added(_ line: String, known: Set<String>, ordinary: Set<String> = []) -> [String] {
        let tokens = Tokenizer.tokenize(line)
        let knownRanges = tokens.indices.filter { known.contains(tokens[$0].raw) }.map { $0..<($0 + 1) }
        let items = EnumerationCoherence.unknownItems(in: tokens, known: knownRanges) { k in
            tokens[k].isCapitalized && !tokens[k].isSentenceStart
        } isOrdinaryWord: { k in
            ordinary.contains(tokens[k].lower)
        }
        return items.map { range in range.map { tokens[$0].raw }.joined(separator: " ") }
    }

    @Test func unknownItemsOfAListThatIsHalfKnownAreTools() {
        #expect(added("Experience with React, Redux, Babel and Bulma", known: ["React", "Redux"]) == ["Babel", "Bulma"])
        #expect(added("Tools: Jira, Confluence, Blackfire", known: ["Jira", "Confluence"]) == ["Blackfire"])
    }

    @Test func aListRunOnWithoutCommasCounts() {
        #expect(added("tools such as Kubernetes Prometheus Grafana Kibana Splunk etc.",
                      known: ["Kubernetes", "Prometheus", "Grafana"]) == ["Kibana", "Splunk"])
    }

    @Test func aListWithFewKnownItemsVouchesForNothing() {
        // One known item: not enough company.
        #expect(added("Experience with React, Babel and Bulma", known: ["React"]).isEmpty)
        // Known items outnumbered by unknown ones.
        #expect(added("Experience with React, Redux, Babel, Bulma and Gulp", known: ["React", "Redux"]).isEmpty)
    }

    @Test func citiesPeopleAndPerksWithNoKnownToolAreNotTools() {
        #expect(added("Offices in Copenhagen, Aarhus, Berlin and London", known: []).isEmpty)
        #expect(added("Contact Anna Jensen, Peter Smith or Maria Holm", known: []).isEmpty)
        #expect(added("We offer Pension, Lunch, Gym and Fitness", known: []).isEmpty)
    }

    @Test func aListEndsWithItsSentenceOrBeforeOtherWords() {
        // "Keen" starts a new sentence; "Anna" is past a word that is no item.
        #expect(added("Angular, Spring, Docker etc.) Keen interest in Kotlin", known: ["Angular", "Spring", "Docker", "Kotlin"]).isEmpty)
        #expect(added("Python, Django and Kafka together with Anna", known: ["Python", "Django", "Kafka"]).isEmpty)
    }

    @Test func aVersionNumberBelongsToItsName() {
        #expect(added("Experience with React, Redux, Dagger 2", known: ["React", "Redux"]) == ["Dagger 2"])
    }

    @Test func anOrdinaryWordGluedToANameIsHalfOfThatName() {
        // "Distributed Cache" is one name; ", Cache," on its own is an item.
        #expect(added("areas such as Spring Kafka Distributed Cache", known: ["Spring", "Kafka"], ordinary: ["distributed", "cache"]).isEmpty)
        #expect(added("areas such as Spring, Kafka, Cache", known: ["Spring", "Kafka"], ordinary: ["cache"]) == ["Cache"])
    }

    @Test func aHeldOutTermsOwnWordsAreUnknownWords() {
        // The held-out evaluation must read "Kibana" as a word the vocabulary never saw.
        let lexicon = Lexicon.bundled
        #expect(lexicon.isTermWord("kibana"))
        #expect(!lexicon.excluding(entryIDs: ["ss:kibana"]).isTermWord("kibana"))
        #expect(lexicon.excluding(entryIDs: ["ss:kibana"]).isTermWord("cache"))
    }

    // MARK: Through the analysis, with the bundled vocabulary

    private func labels(_ jd: String) -> [String] {
        TestSupport.analyze("", jd).requirements.flatMap { r in
            [r.label.lowercased()] + (r.alternatives ?? []).map { $0.label.lowercased() }
        }
    }

    @Test func aTitleCaseToolLineNamesItsUnknownTools() {
        // Every word capitalised: the line reads like a heading, and only the known tools around
        // Babel and Bulma show they are tools too.
        let found = labels("""
            Requirements
            - Experience with React, Redux, Babel and Bulma
            - Jira GIT Gerrit and Jenkins
            """)
        for tool in ["react", "babel", "bulma", "gerrit"] { #expect(found.contains(tool), "\(tool) in \(found)") }
    }

    @Test func aTitleCaseListOfPlacesPeopleOrPerksAddsNothing() {
        let found = labels("""
            Requirements
            - Experience with Python and Django
            - Offices In Copenhagen, Aarhus, Odense And London
            - Medical, Dental And Vision Plans, Gym And Lunch
            - Meet Anna Jensen, Peter Smith And Maria Holm
            """)
        #expect(found.contains("python"))
        for never in ["copenhagen", "aarhus", "odense", "london", "medical", "dental", "vision", "gym", "lunch",
                      "anna", "jensen", "peter", "smith", "maria", "holm", "offices", "meet"] {
            #expect(!found.contains { $0.contains(never) }, "\(never) in \(found)")
        }
    }

    @Test func thePostingsOwnNameInAToolListIsNoTool() {
        let found = labels("""
            About Northwind
            Northwind is a fintech company from Springfield.

            Requirements
            - Experience With Python, Django, Northwind And Kafka
            """)
        #expect(found.contains("python"))
        #expect(!found.contains { $0.contains("northwind") }, "\(found)")
    }
}
