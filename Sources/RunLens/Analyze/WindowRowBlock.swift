/// Window rows stored compactly: 12 numbers, 2 counts and a word of flags a row (114 bytes)
/// in three flat arrays, instead of a ``WindowRow`` of optionals (about 200).
///
/// The held part of ``WindowRows``, and a part of it read back from its temporary file: a
/// block is stored as its three arrays one after the other, as bytes.
struct WindowRowBlock: Sendable {
    /// Numbers a row: the bounds, then the ten optional statistics.
    private static let width = 12

    /// Bytes a row takes: its numbers, its two counts and its flags.
    static let rowBytes = width * 8 + 2 * 8 + 2

    /// Bit `n` set: optional statistic `n` is present; bit 15: the quantiles are exact.
    private static let exactFlag: UInt16 = 1 << 15

    private var numbers: [Double] = []
    private var counts: [Int] = []
    private var flags: [UInt16] = []

    /// The rows held.
    var count: Int { flags.count }

    /// The row at `position`, which must be below ``count``.
    func row(at position: Int) -> WindowRow {
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
    mutating func reserveCapacity(_ rows: Int) {
        numbers.reserveCapacity(rows * Self.width)
        counts.reserveCapacity(rows * 2)
        flags.reserveCapacity(rows)
    }

    /// Adds `row` at the end.
    mutating func append(_ row: WindowRow) {
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

    /// Hands the three arrays to `write` as bytes, in storage order, until one call returns
    /// a system error code other than 0; returns that code, or 0.
    func store(_ write: (UnsafeRawBufferPointer) -> Int32) -> Int32 {
        var code = numbers.withUnsafeBytes(write)
        if code == 0 { code = counts.withUnsafeBytes(write) }
        if code == 0 { code = flags.withUnsafeBytes(write) }
        return code
    }

    /// Replaces the rows with `rows` rows whose three arrays `read` fills from bytes, in
    /// storage order, until one call returns a system error code other than 0; returns that
    /// code, or 0. After a failure the rows are meaningless.
    mutating func load(rows: Int, _ read: (UnsafeMutableRawBufferPointer) -> Int32) -> Int32 {
        var code: Int32 = 0
        numbers = Self.filled(rows * Self.width, &code, read)
        counts = Self.filled(rows * 2, &code, read)
        flags = Self.filled(rows, &code, read)
        return code
    }

    /// An array of `count` elements that `read` fills from bytes without zeroing them first;
    /// empty when `code` is already a failure or `read` fails (its code then in `code`).
    private static func filled<Element: BitwiseCopyable>(
        _ count: Int, _ code: inout Int32, _ read: (UnsafeMutableRawBufferPointer) -> Int32
    ) -> [Element] {
        guard code == 0 else { return [] }

        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            code = read(
                UnsafeMutableRawBufferPointer(
                    UnsafeMutableBufferPointer(rebasing: buffer[..<count])))
            initialized = code == 0 ? count : 0
        }
    }
}
