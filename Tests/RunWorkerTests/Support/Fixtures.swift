import Foundation

/// Shared inputs from `<repo>/../shared/fixtures`, found from this file's path (symlinks
/// resolved: the dev package links this folder from elsewhere).
enum Fixtures {
    static let root: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // RunWorkerTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("../shared/fixtures")
        .standardizedFileURL

    static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }

    /// Resume and job description pairs the fixtures README describes.
    static let pairs: [(resume: String, jd: String)] = [
        ("resumes/alex-chen.md", "jds/senior-backend-platform.txt"),
        ("resumes/maria-santos.md", "jds/data-scientist-ml.txt"),
    ]

    /// "Present" for every test, so year counts never drift.
    static let now: Date = {
        var components = DateComponents()
        components.year = 2024
        components.month = 6
        components.day = 15
        components.timeZone = TimeZone(identifier: "UTC")
        return Calendar(identifier: .gregorian).date(from: components) ?? Date(timeIntervalSince1970: 1_718_409_600)
    }()
}
