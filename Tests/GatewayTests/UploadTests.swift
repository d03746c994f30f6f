import Foundation
import HTTPTypes
import NIOCore
import Testing

@testable import Gateway

@Suite("Uploads")
struct UploadTests {
    @Test(arguments: [
        (#"form-data; name="file"; filename="cv.pdf""#, "file", "cv.pdf"),
        (#"form-data; name="file"; filename="a;b \"x\".pdf""#, "file", #"a;b "x".pdf"#),
        (#"form-data; name=file; filename=plain.txt"#, "file", "plain.txt"),
        (#"form-data; name="file"; filename="fallback.pdf"; filename*=UTF-8''Jos%C3%A9%20M%C3%BCller.pdf"#, "file", "José Müller.pdf"),
        (#"form-data; NAME="path""#, "path", nil),
    ])
    func contentDispositionParameters(_ header: String, _ name: String, _ filename: String?) {
        let disposition = ContentDisposition(header)
        #expect(disposition.name == name)
        #expect(disposition.filename == filename)
    }

    static func multipart(boundary: String, file: Data, filename: String, fields: [String: String] = [:]) -> ByteBuffer {
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: text/plain\r\n\r\n"
        var buffer = ByteBuffer(string: body)
        buffer.writeBytes(file)
        buffer.writeString("\r\n--\(boundary)--\r\n")
        return buffer
    }

    @Test func aFileIsStoredAndTheStagingFolderIsLeftEmpty() async throws {
        let harness = try GatewayHarness()
        try await harness.test { client in
            let session = try await client.createSession()
            let body = Self.multipart(boundary: "XyZ", file: Data("notes".utf8), filename: "my notes.txt", fields: ["path": "notes/a.txt"])
            let reply = try await client.request(.post, "/api/v1/sessions/\(session)/files/upload", body: body, contentType: "multipart/form-data; boundary=XyZ")
            #expect(reply.status == 201, "\(reply.body)")
            #expect(reply.object["path"] as? String == "notes/a.txt")
            let file = try await client.request(.get, "/api/v1/sessions/\(session)/files/notes/a.txt")
            #expect(file.body == "notes")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.directory + "/tmp").isEmpty)
    }

    @Test func anOversizedFileIsCutOffAt413AndNothingIsKept() async throws {
        let harness = try GatewayHarness { $0.maxUploadBytes = 1024 }
        try await harness.test { client in
            let session = try await client.createSession()
            let body = Self.multipart(boundary: "b", file: Data(repeating: 0x61, count: 4096), filename: "big.txt")
            let reply = try await client.request(.post, "/api/v1/sessions/\(session)/files/upload", body: body, contentType: "multipart/form-data; boundary=b")
            #expect(reply.status == 413)
            #expect(reply.errorCode == "payload_too_large")
            let files = try await client.request(.get, "/api/v1/sessions/\(session)/files")
            #expect((files.object["files"] as? [Any])?.isEmpty == true)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.directory + "/tmp").isEmpty)
    }

    @Test func aTruncatedBodyIs400() async throws {
        let harness = try GatewayHarness()
        try await harness.test { client in
            let session = try await client.createSession()
            let body = ByteBuffer(string: "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhalf a fi")
            let reply = try await client.request(.post, "/api/v1/sessions/\(session)/files/upload", body: body, contentType: "multipart/form-data; boundary=b")
            #expect(reply.status == 400)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.directory + "/tmp").isEmpty)
    }

    @Test func managedPathsAre409() async throws {
        let harness = try GatewayHarness()
        try await harness.test { client in
            let session = try await client.createSession()
            for path in ["resume.md", "analysis/x.json", "exports"] {
                let body = Self.multipart(boundary: "b", file: Data("x".utf8), filename: "x.txt", fields: ["path": path])
                let reply = try await client.request(.post, "/api/v1/sessions/\(session)/files/upload", body: body, contentType: "multipart/form-data; boundary=b")
                #expect(reply.status == 409, "\(path)")
                #expect(reply.errorCode == "managed_path")
            }
        }
    }
}
