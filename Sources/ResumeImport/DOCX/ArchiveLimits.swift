import ResumeKit

/// Limits that keep a hostile ZIP from exhausting memory or time. Checked against the central
/// directory before anything is inflated, and again while inflating, because a ZIP's declared
/// sizes are only claims.
public struct ArchiveLimits: Sendable, Equatable {
    /// Entries in the archive; a real DOCX has a few dozen.
    public var maximumEntries: Int
    /// Sum of the declared uncompressed sizes of all entries.
    public var maximumTotalUncompressedBytes: UInt64
    /// Bytes one entry may inflate to.
    public var maximumEntryBytes: UInt64
    /// Uncompressed ÷ compressed for one entry. XML compresses about 10:1; a zip bomb 1000:1.
    public var maximumCompressionRatio: UInt64
    /// Entries smaller than this are exempt from the ratio check: tiny, highly repetitive parts
    /// (an empty `settings.xml`) can have high ratios and cost nothing.
    public var ratioExemptBytes: UInt64

    public init(
        maximumEntries: Int = 2_000,
        maximumTotalUncompressedBytes: UInt64 = 50 * 1_048_576,
        maximumEntryBytes: UInt64 = 20 * 1_048_576,
        maximumCompressionRatio: UInt64 = 100,
        ratioExemptBytes: UInt64 = 1_048_576
    ) {
        self.maximumEntries = maximumEntries
        self.maximumTotalUncompressedBytes = maximumTotalUncompressedBytes
        self.maximumEntryBytes = maximumEntryBytes
        self.maximumCompressionRatio = maximumCompressionRatio
        self.ratioExemptBytes = ratioExemptBytes
    }

    public static let standard = ArchiveLimits()
}
