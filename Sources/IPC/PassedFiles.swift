#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// An open file descriptor handed to the peer beside a frame (`SCM_RIGHTS`): a job's input, so
/// that a worker confined to its scratch directory needs no path. The descriptor is owned:
/// closed when the last reference goes (the kernel has already given the peer its own copy).
public final class PassedFile: Sendable {
    public let descriptor: CInt

    /// Takes ownership of `descriptor`.
    public init(owning descriptor: CInt) {
        self.descriptor = descriptor
    }

    /// Opens `path` read-only (the gateway, for a staged upload).
    public static func openForReading(_ path: String) -> PassedFile? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        return fd < 0 ? nil : PassedFile(owning: fd)
    }

    deinit { close(descriptor) }
}

/// The descriptors a frame carries. On the wire only their number travels (`"inputs": 1`); the
/// receiving transport attaches the descriptors that arrived with the frame, in order.
public struct PassedFiles: Sendable, Equatable, Codable {
    /// How many descriptors belong to the frame.
    public let count: Int
    /// The descriptors themselves: the sender's, or those the transport attached on receipt.
    public private(set) var files: [PassedFile]

    public init(_ files: [PassedFile] = []) {
        self.count = files.count
        self.files = files
    }

    /// A frame that announced `count` descriptors, before the transport attached them.
    init(expecting count: Int) {
        self.count = count
        self.files = []
    }

    public var isEmpty: Bool { count == 0 }

    /// The descriptors arrived with the frame (a frame decoded without a descriptor-passing
    /// transport has none).
    public var isAttached: Bool { files.count == count }

    /// The `index`-th file, when it arrived.
    public subscript(index: Int) -> PassedFile? {
        index < files.count ? files[index] : nil
    }

    mutating func attach(_ received: [PassedFile]) {
        files = received
    }

    /// Frames are compared by what they say, not by descriptor numbers (which differ per process).
    public static func == (lhs: PassedFiles, rhs: PassedFiles) -> Bool { lhs.count == rhs.count }

    public init(from decoder: any Decoder) throws {
        let count = try decoder.singleValueContainer().decode(Int.self)
        guard (0...PassedFiles.maximum).contains(count) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "too many passed files: \(count)"))
        }
        self.init(expecting: count)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(count)
    }

    /// The most descriptors one frame may carry (the shim's limit).
    public static let maximum = 16
}
