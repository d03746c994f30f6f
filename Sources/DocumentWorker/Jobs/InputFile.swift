#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IPC
import ResumeImport
import WorkerCore

/// A job's input file, read through the descriptor the gateway passed: its size is checked
/// (fstat) before anything is loaded, and it is read from the start whatever the offset.
enum InputFile {
    static func read(_ file: PassedFile, limit: Int) throws(JobFailure) -> Data {
        var info = stat()
        guard fstat(file.descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw unreadable }
        let size = Int(info.st_size)
        guard size <= limit else {
            let error = ResumeImportError.fileTooLarge(limit: limit)
            throw JobFailure(code: error.code, message: error.message, status: error.httpStatus)
        }
        var data = Data(count: size)
        var offset = 0
        let ok = data.withUnsafeMutableBytes { bytes -> Bool in
            while offset < size {
                let got = pread(file.descriptor, bytes.baseAddress! + offset, size - offset, off_t(offset))
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { return false }
                offset += got
            }
            return true
        }
        guard ok else { throw unreadable }
        return data
    }

    /// The descriptor comes from the gateway: a file we cannot read is our fault, not the user's.
    private static var unreadable: JobFailure {
        JobFailure(code: "upload_unreadable", message: "The uploaded file could not be read.", status: 500, reason: .internal)
    }
}
