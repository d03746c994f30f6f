import Foundation

/// Fixture resumes from `shared/fixtures`, found relative to this file
/// (`Tests/ResumeRenderTests/Support` → repo root → `../shared/fixtures`).
enum Fixtures {
    static let resumesDirectory: URL = URL(fileURLWithPath: #filePath)
        .resolvingSymlinksInPath()   // …/Tests/ResumeRenderTests/Support/Fixtures.swift
        .deletingLastPathComponent()  // …/Support
        .deletingLastPathComponent()  // …/ResumeRenderTests
        .deletingLastPathComponent()  // …/Tests
        .deletingLastPathComponent()  // repo root
        .deletingLastPathComponent()  // the folder holding the repo and shared/
        .appendingPathComponent("shared/fixtures/resumes")

    /// File names of every `*.md` fixture, sorted (test arguments).
    static let resumeNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: resumesDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted()
    }()

    static func resume(_ name: String) throws -> String {
        try String(contentsOf: resumesDirectory.appendingPathComponent(name), encoding: .utf8)
    }

    /// A resume with accented Latin and CJK text.
    static let unicodeResume = """
    # José Müller-Øyen

    Zürich · jose@example.com · +41 44 555 01 23

    ## Education

    ### 東京大学 工学部
    *Tokyo | 2012 – 2016*

    - Thesis on Ångström-scale sensors; grade “sehr gut”.
    - Ελληνικά, Русский, Français, Español.
    """
}
