/// One record of a synthetic training log: a step's values on one rank, or an
/// evaluation, in the order the file holds them.
public struct TrainingRecord: Sendable, Equatable {
    /// The step the record is stamped with.
    public var step: Int
    /// Epoch seconds.
    public var time: Double
    /// Metric name and value, in the order written; values may be NaN or ±Inf.
    public var values: [(name: String, value: Double)]

    /// Creates a record.
    public init(step: Int, time: Double, values: [(name: String, value: Double)]) {
        self.step = step
        self.time = time
        self.values = values
    }

    public static func == (lhs: TrainingRecord, rhs: TrainingRecord) -> Bool {
        lhs.step == rhs.step && lhs.time == rhs.time
            && lhs.values.map(\.name) == rhs.values.map(\.name)
            && zip(lhs.values, rhs.values).allSatisfy { $0.value.bitPattern == $1.value.bitPattern }
    }
}

/// A synthetic training run held in memory: one list of records per rank, and the
/// incidents a correct analysis reports.
public struct TrainingRun: Sendable {
    /// Per rank, the records in file order (a resume writes replayed steps again).
    public var ranks: [[TrainingRecord]]
    /// What must be found.
    public var expected: [ExpectedIncident]
    /// Detector ids that must not fire at warning or above.
    public var forbidden: [String]

    /// The file name of `rank`'s log.
    public static func fileName(rank: Int) -> String {
        "rank\(rank).jsonl"
    }

    /// The run as JSON Lines files, one per rank, with `rank` in every record.
    public var output: SynthOutput {
        let files = ranks.enumerated().map { rank, records in
            (name: Self.fileName(rank: rank), text: Self.render(records, rank: rank))
        }
        return SynthOutput(files: files, expected: expected, forbidden: forbidden)
    }

    static func render(_ records: [TrainingRecord], rank: Int) -> String {
        var text = ""
        text.reserveCapacity(records.count * 260)
        for record in records {
            text += "{\"step\": \(record.step), \"timestamp\": \(number(record.time))"
            text += ", \"rank\": \(rank)"
            for (name, value) in record.values { text += ", \"\(name)\": \(number(value))" }
            text += "}\n"
        }
        return text
    }

    /// Python's JSON spelling: bare `NaN`, `Infinity`, `-Infinity`.
    static func number(_ value: Double) -> String {
        NumberFormat.exact(value)
    }
}
