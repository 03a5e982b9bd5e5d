/// Where every line of an input went: `lines = records + metadata + empty + malformed`.
public struct Accounting: Sendable, Codable, Equatable {
    /// Physical lines read (for a single JSON document: its entries).
    public var lines = 0
    /// Records read, duplicates included.
    public var records = 0
    /// Header rows and header records without metrics.
    public var metadata = 0
    /// Empty and whitespace-only lines.
    public var empty = 0
    /// Lines that could not be read as a record.
    public var malformed = 0

    /// Creates zero counts.
    public init() {}

    /// True when every line is accounted for.
    public var balances: Bool { lines == records + metadata + empty + malformed }

    /// `5 lines: 4 empty, 1 malformed`, naming only the kinds that occur.
    public var breakdown: String {
        let kinds = [
            (records, "records"), (metadata, "metadata"), (empty, "empty"),
            (malformed, "malformed"),
        ]
        let parts = kinds.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        let total = lines == 1 ? "1 line" : "\(lines) lines"
        return parts.isEmpty ? total : total + ": " + parts.joined(separator: ", ")
    }

    /// Adds `other`'s counts to these.
    public mutating func add(_ other: Accounting) {
        lines += other.lines
        records += other.records
        metadata += other.metadata
        empty += other.empty
        malformed += other.malformed
    }
}

/// One line that could not be read, for the report.
public struct MalformedLine: Sendable, Codable, Equatable {
    /// The file as given in the inputs.
    public var file: String
    /// Its 1-based line.
    public var line: Int
    /// Why, in a few words.
    public var reason: String

    /// `file:line: reason`, as printed.
    public var description: String { "\(file):\(line): \(reason)" }
}

/// What was read from one input file.
public struct InputSummary: Sendable, Codable, Equatable {
    /// The path as given or found.
    public var path: String
    /// `jsonl`, `json`, `csv`, `mlflow`.
    public var format: String
    /// `none`, `zstd`, `gzip`.
    public var compression: String
    /// The rank the file name gives, if any.
    public var rank: Int?
    /// Line accounting.
    public var accounting = Accounting()
    /// Records dropped as exact duplicates (included in `accounting.records`).
    public var duplicates = 0
    /// Decoder warnings (truncation, trailing garbage) and reader notes.
    public var warnings: [String] = []
    /// The first few malformed lines.
    public var malformedSamples: [MalformedLine] = []
    /// The step column used, when the log is indexed by steps (`iteration`, `epoch`, ...).
    public var stepField: String?
    /// The warnings that say the data was damaged or cut short (``ByteStream/damage``), for
    /// JUnit and annotations; `summary.json` has them among `warnings` only.
    public var damage: [String] = []

    private enum CodingKeys: String, CodingKey {
        case path, format, compression, rank, accounting, duplicates, warnings
        case malformedSamples, stepField
    }
}
