/// Compare a resume with a job description (the report the `analyze_gap` tool writes).
public struct AnalyzeRequest: Codable, Sendable, Equatable {
    public var resume: String
    public var jd: String
    public init(resume: String, jd: String) {
        self.resume = resume
        self.jd = jd
    }

    public struct Result: Codable, Sendable, Equatable {
        public var gapJson: JSONValue
        public var gapMd: String
        public init(gapJson: JSONValue, gapMd: String) {
            self.gapJson = gapJson
            self.gapMd = gapMd
        }
    }
}
