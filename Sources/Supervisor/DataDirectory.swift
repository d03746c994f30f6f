import ArgumentParser
import Foundation
import Store

/// `--data-dir`, shared by every command that touches data: the flag, else systemd's
/// `$STATE_DIRECTORY`, else `./data`.
struct DataDirectoryOption: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "The server's data directory (default $STATE_DIRECTORY or ./data).")
    var dataDirectory: String?

    var path: String {
        dataDirectory ?? ProcessInfo.processInfo.environment["STATE_DIRECTORY"].map { String($0.split(separator: ":")[0]) } ?? "./data"
    }

    func store() throws -> Store { try Store(dataDirectory: path) }
}

/// Prints JSON the way every `--json` output looks: sorted keys, one document.
enum JSONOutput {
    static func print(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// Column-aligned text for people.
enum TextTable {
    static func render(_ header: [String], _ rows: [[String]]) -> String {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}
