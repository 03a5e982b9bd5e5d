import Foundation

/// Runs the built `runlens` executable in a fresh temporary folder, as a user would.
struct BinaryRunner {
    /// What one run printed and returned.
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The folder the run worked in; the report goes to `directory/report`.
        var directory: URL

        /// The text of `report/<name>`, or `""` when the file is missing.
        func output(_ name: String) -> String {
            (try? String(
                contentsOf: directory.appendingPathComponent("report/\(name)"), encoding: .utf8))
                ?? ""
        }

        /// `summary.json`, decoded.
        func summary() throws -> [String: Any] {
            let data = Data(output("summary.json").utf8)
            return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        }
    }

    /// The executable beside the test bundle (`.build/<triple>/debug/runlens`).
    static var executable: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let beside = bundle.appendingPathComponent("runlens")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return CorpusFixture.root().deletingLastPathComponent().appendingPathComponent(
            ".build/debug/runlens")
    }

    /// Runs `runlens arguments` with `-o report` appended for `analyze`, in a new folder.
    static func run(_ arguments: [String], stdin: Data? = nil, addOutput: Bool = true) throws
        -> Outcome
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = executable
        var arguments = arguments
        if addOutput, arguments.first == "analyze" {
            arguments += ["-o", directory.appendingPathComponent("report").path]
        }
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self), directory: directory)
    }

    /// The path of `fixtures/<path>`.
    static func fixture(_ path: String) -> String {
        CorpusFixture.root().appendingPathComponent(path).path
    }
}

/// Reads a CSV file written by runlens (RFC 4180, quoted fields) into rows of fields.
enum CSVTestReader {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false; pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\r\n", "\n": row.append(field); rows.append(row); row = []; field = ""
            default: field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// Rows as dictionaries keyed by the header.
    static func records(_ text: String) -> [[String: String]] {
        let all = rows(text)
        guard let header = all.first else { return [] }
        return all.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}
