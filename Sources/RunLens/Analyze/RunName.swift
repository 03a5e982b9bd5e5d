import Foundation

/// What a run is called in `summary.json` and in digests, and whether the user chose it.
///
/// A name given with `analyze --run-name` marks the summary as one part (shard) of a run
/// that `digest` merges with every other part carrying the same given name. A derived name
/// only labels the run: two runs whose derived names collide stay apart.
public struct RunName: Sendable, Codable, Equatable {
    /// The name.
    public var name: String
    /// True when the user gave the name (`--run-name`), false when it was derived.
    public var given: Bool

    /// Creates a name.
    public init(name: String, given: Bool) {
        self.name = name
        self.given = given
    }

    /// The `given` name when there is one, else one derived from `inputs`.
    public init(given: String?, inputs: [String]) {
        if let given, !given.isEmpty {
            self.init(name: given, given: true)
        } else {
            self.init(name: Self.derive(inputs), given: false)
        }
    }

    /// A name for a run read from `inputs`: a folder's name, a file's name without its log
    /// and compression extensions, `stdin` for `-`; for several inputs their common folder's
    /// name, else the first input's name and how many more there are (`a +2`).
    public static func derive(_ inputs: [String]) -> String {
        guard let first = inputs.first else { return "run" }
        guard inputs.count > 1 else { return label(first) }

        let folders = inputs.map { URL(fileURLWithPath: $0).standardized.pathComponents }
        var common = folders[0].dropLast()
        for components in folders.dropFirst() {
            let shared = zip(common, components.dropLast()).prefix { $0 == $1 }.count
            common = common.prefix(shared)
        }
        if let folder = common.last, folder != "/" { return folder }
        return "\(label(first)) +\(inputs.count - 1)"
    }

    /// The name one input stands for.
    static func label(_ input: String) -> String {
        if input == "-" { return "stdin" }

        var name = URL(fileURLWithPath: input).standardized.lastPathComponent
        while let dot = name.lastIndex(of: "."), dot != name.startIndex,
            logExtensions.contains(name[name.index(after: dot)...].lowercased())
        {
            name = String(name[..<dot])
        }
        return name.isEmpty || name == "/" ? "run" : name
    }

    private static let logExtensions: Set<String> = [
        "gz", "zst", "zstd", "jsonl", "ndjson", "json", "csv", "tsv", "log", "txt",
    ]
}
