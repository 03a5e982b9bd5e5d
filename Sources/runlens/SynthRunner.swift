import Foundation
import RunLens

/// Runs `runlens synth`: writes the scenario's log files and `expected.json`.
enum SynthRunner {
    /// The exit code of `runlens synth arguments`.
    static func run(_ arguments: [String]) -> Int32 {
        let command: SynthCommand
        do {
            command = try SynthCommand(arguments: arguments)
        } catch {
            Console.error(error.message)
            return 2
        }
        if command.help {
            Console.out(SynthCommand.usage)
            return 0
        }
        guard let output = SynthCatalog.generate(command.scenario, command.parameters) else {
            Console.error("scenario '\(command.scenario)' cannot be generated with these settings")
            return 2
        }
        for note in output.notes { Console.warning(note) }
        do {
            let written = try write(output, command: command)
            for path in written { Console.out("wrote \(path)") }
        } catch {
            Console.error(error.description)
            return 2
        }
        for expected in output.expected {
            let rank = expected.rank.map { " rank \($0)" } ?? ""
            let device = expected.device.map { " device \($0)" } ?? ""
            let start = expected.startStep.map { " from step \(NumberFormat.exact($0))" } ?? ""
            Console.out(
                "expect \(expected.severity.name) \(expected.detector)\(rank)\(device)\(start)")
        }
        return 0
    }

    private static func write(_ output: SynthOutput, command: SynthCommand) throws(OutputError)
        -> [String]
    {
        let single = output.files.count == 1
        let target = command.output ?? (single ? "\(command.scenario).jsonl" : command.scenario)
        let folder = single ? directory(of: target) : target
        let writer = OutputWriter(directory: folder)
        try writer.makeDirectory(folder)
        var paths: [String] = []
        for file in output.files {
            let path = single ? target : writer.path(file.name)
            try writer.writeFile(path, file.text)
            paths.append(path)
        }
        let base = target.hasSuffix("/") ? String(target.dropLast()) : target
        let expectedPath = base + ".expected.json"
        try writer.writeFile(expectedPath, expectedJSON(output))
        return paths + [expectedPath]
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    private static func expectedJSON(_ output: SynthOutput) -> String {
        struct Document: Encodable {
            var expected: [ExpectedIncident]
            var forbidden: [String]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data =
            (try? encoder.encode(Document(expected: output.expected, forbidden: output.forbidden)))
            ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
