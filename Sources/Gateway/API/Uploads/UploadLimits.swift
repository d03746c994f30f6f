/// How big an upload may be and where it is staged while it is checked.
struct UploadLimits: Sendable {
    /// Largest file accepted (`RESUME_AGENT_MAX_UPLOAD_BYTES`).
    var maxFileBytes: Int
    /// Directory for staged uploads (inside the data directory, 0700).
    var stagingDirectory: String
    /// Text fields are small; anything longer is refused.
    var maxFieldBytes = 4096
    var maxParts = 8
}
