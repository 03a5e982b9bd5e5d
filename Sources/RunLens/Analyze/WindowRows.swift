// TODO(#8): rows still grow with the number of windows: 10 GB of log with 1,000-step windows
// would hold about 420,000 (48 MB); writing full blocks of rows to an unlinked temporary file
// as windows close, and reading them back in order for the reports, would make that flat.

/// The windows of one series in order, stored compactly: 12 numbers, 2 counts and a word of
/// flags a row (114 bytes) in flat arrays, instead of a ``WindowRow`` of optionals (about 200).
///
/// A run with small fixed windows holds many rows until the reports are written (1 GB of log
/// with 1,000-step windows: 42,000), so their size is most of what such a run's memory grows
/// by. Reading a row rebuilds the ``WindowRow``; encoding writes the same array of rows.
public struct WindowRows: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    /// Numbers a row: the bounds, then the ten optional statistics.
    private static let width = 12

    /// Bit `n` set: optional statistic `n` is present; bit 15: the quantiles are exact.
    private static let exactFlag: UInt16 = 1 << 15

    private var numbers: [Double] = []
    private var counts: [Int] = []
    private var flags: [UInt16] = []

    /// Creates an empty list.
    public init() {}

    /// Creates a list of `rows`.
    public init<Rows: Sequence>(_ rows: Rows) where Rows.Element == WindowRow {
        for row in rows { append(row) }
    }

    /// Creates a list of the rows written.
    public init(arrayLiteral rows: WindowRow...) {
        self.init(rows)
    }

    /// The first row's position, 0.
    public var startIndex: Int { 0 }

    /// One past the last row.
    public var endIndex: Int { flags.count }

    /// The row at `position`.
    public subscript(position: Int) -> WindowRow {
        let base = position * Self.width
        let flag = flags[position]
        func optional(_ slot: Int) -> Double? {
            flag & (1 << slot) != 0 ? numbers[base + 2 + slot] : nil
        }

        var stats = StatRow()
        stats.count = counts[2 * position]
        stats.nonfinite = counts[2 * position + 1]
        stats.mean = optional(0)
        stats.std = optional(1)
        stats.min = optional(2)
        stats.max = optional(3)
        stats.p50 = optional(4)
        stats.p95 = optional(5)
        stats.p99 = optional(6)
        stats.first = optional(7)
        stats.last = optional(8)
        stats.ema = optional(9)
        stats.quantilesExact = flag & Self.exactFlag != 0
        return WindowRow(start: numbers[base], end: numbers[base + 1], stats: stats)
    }

    /// Makes room for `rows` rows in all, so that many appends allocate once.
    public mutating func reserveCapacity(_ rows: Int) {
        numbers.reserveCapacity(rows * Self.width)
        counts.reserveCapacity(rows * 2)
        flags.reserveCapacity(rows)
    }

    /// Adds `row` at the end.
    public mutating func append(_ row: WindowRow) {
        let stats = row.stats
        var flag = stats.quantilesExact ? Self.exactFlag : 0
        func add(_ value: Double?, _ slot: Int) {
            if value != nil { flag |= 1 << slot }
            numbers.append(value ?? 0)
        }

        numbers.append(row.start)
        numbers.append(row.end)
        counts.append(stats.count)
        counts.append(stats.nonfinite)
        add(stats.mean, 0)
        add(stats.std, 1)
        add(stats.min, 2)
        add(stats.max, 3)
        add(stats.p50, 4)
        add(stats.p95, 5)
        add(stats.p99, 6)
        add(stats.first, 7)
        add(stats.last, 8)
        add(stats.ema, 9)
        flags.append(flag)
    }
}

extension WindowRows: Equatable {
    /// Equal when the rows are, one by one (so a NaN first or last value is never equal).
    public static func == (lhs: WindowRows, rhs: WindowRows) -> Bool {
        lhs.elementsEqual(rhs)
    }
}

/// Stored as an array of ``WindowRow``, as the list was before it became compact.
extension WindowRows: Codable {
    /// Decodes an array of rows.
    public init(from decoder: Decoder) throws {
        self.init(try [WindowRow](from: decoder))
    }

    /// Encodes the rows as an array.
    public func encode(to encoder: Encoder) throws {
        try Array(self).encode(to: encoder)
    }
}
