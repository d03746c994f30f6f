/// One line of a profile's verdict.
///
/// - verification: the service must do this; a failure makes the driver exit non-zero.
/// - goal: a target from the issue; met or missed, informational.
/// - info: a figure worth reading next to the others.
struct Check: Sendable {
    enum Kind: String, Sendable { case verification, goal, info }

    let kind: Kind
    let name: String
    /// nil for info lines.
    let passed: Bool?
    let detail: String

    static func verify(_ name: String, _ passed: Bool, _ detail: String) -> Check {
        Check(kind: .verification, name: name, passed: passed, detail: detail)
    }

    static func goal(_ name: String, _ passed: Bool, _ detail: String) -> Check {
        Check(kind: .goal, name: name, passed: passed, detail: detail)
    }

    static func info(_ name: String, _ detail: String) -> Check {
        Check(kind: .info, name: name, passed: nil, detail: detail)
    }

    var label: String {
        switch (kind, passed) {
        case (.verification, true?): "PASS"
        case (.verification, _): "FAIL"
        case (.goal, true?): "MET "
        case (.goal, _): "MISS"
        case (.info, _): "INFO"
        }
    }

    var json: [String: Any] {
        var object: [String: Any] = ["kind": kind.rawValue, "name": name, "detail": detail]
        if let passed { object["passed"] = passed }
        return object
    }
}
