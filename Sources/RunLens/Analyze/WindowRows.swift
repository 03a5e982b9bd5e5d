/// The windows of one series in order: the latest held in memory as compact rows
/// (``WindowRowBlock``, 114 bytes a row), earlier ones, once moved out with ``spill(to:)``,
/// in blocks of a temporary file (``WindowSpill``) shared by the analysis.
///
/// A run with small fixed windows has rows in proportion to its length (1 GB of log with
/// 1,000-step windows: 42,000; 100 MB with 7-step windows: 600,000), so holding them all
/// would make memory grow with the input. Iterating reads the blocks back one at a time, so
/// a pass holds one block at most; the first and last rows are kept in memory too.
///
/// Reading back can fail (the file is on disk): iteration then ends early and the failure
/// is kept in ``readFailure``, which whoever wrote reports from the rows must check. So
/// `underestimatedCount` stays 0: a promise of ``count`` rows would trap on such a failure.
public struct WindowRows: Sequence, ExpressibleByArrayLiteral, Sendable {
    private var spilled: [WindowSpill.Segment] = []
    private var held = WindowRowBlock()
    private var file: WindowSpill?
    private var spilledFirst: WindowRow?
    private var spilledLast: WindowRow?

    /// The number of rows, spilled and held.
    public private(set) var count = 0

    /// Creates an empty list.
    public init() {}

    /// Creates a list of `rows`, all held in memory.
    public init<Rows: Sequence>(_ rows: Rows) where Rows.Element == WindowRow {
        for row in rows { append(row) }
    }

    /// Creates a list of the rows written.
    public init(arrayLiteral rows: WindowRow...) {
        self.init(rows)
    }

    /// True when there are no rows.
    public var isEmpty: Bool { count == 0 }

    /// The first row, without reading the file.
    public var first: WindowRow? {
        spilledFirst ?? (held.count > 0 ? held.row(at: 0) : nil)
    }

    /// The last row, without reading the file.
    public var last: WindowRow? {
        held.count > 0 ? held.row(at: held.count - 1) : spilledLast
    }

    /// The rows held in memory, not yet spilled.
    var heldCount: Int { held.count }

    /// The first failure to read rows back from the file, if any.
    public var readFailure: WindowSpillError? { file?.readFailure }

    /// Makes room for `rows` more rows held in memory.
    public mutating func reserveCapacity(_ rows: Int) {
        held.reserveCapacity(held.count + rows)
    }

    /// Adds `row` at the end, in memory.
    public mutating func append(_ row: WindowRow) {
        held.append(row)
        count += 1
    }

    /// Moves the rows held in memory to the end of `file` as one block, unless none are held.
    /// Every spill of a list must go to the same file.
    mutating func spill(to file: WindowSpill) throws(WindowSpillError) {
        guard held.count > 0 else { return }

        spilled.append(try file.append(held))
        if spilledFirst == nil { spilledFirst = held.row(at: 0) }
        spilledLast = held.row(at: held.count - 1)
        self.file = file
        held = WindowRowBlock()
    }

    /// Reads the rows in order, one spilled block at a time, then the held rows.
    public func makeIterator() -> Iterator {
        Iterator(rows: self)
    }

    /// Reads the rows of a ``WindowRows`` in order.
    public struct Iterator: IteratorProtocol {
        private let rows: WindowRows
        private var block = WindowRowBlock()
        private var position = 0
        /// The next spilled block to read; past the last one, the held rows come next.
        private var nextBlock = 0
        private var done = false

        init(rows: WindowRows) {
            self.rows = rows
        }

        /// The next row, or `nil` after the last one or a failed read.
        public mutating func next() -> WindowRow? {
            while position == block.count {
                guard !done else { return nil }
                advance()
            }
            defer { position += 1 }
            return block.row(at: position)
        }

        /// Moves to the next block; a failed read ends the rows and is recorded in the file.
        private mutating func advance() {
            position = 0
            guard nextBlock < rows.spilled.count, let file = rows.file else {
                block = rows.held
                done = true
                return
            }

            do throws(WindowSpillError) {
                block = try file.read(rows.spilled[nextBlock])
                nextBlock += 1
            } catch {
                file.recordReadFailure(error)
                block = WindowRowBlock()
                done = true
            }
        }
    }
}

extension WindowRows: Equatable {
    /// Equal when the rows are, one by one (so a NaN first or last value is never equal).
    public static func == (lhs: WindowRows, rhs: WindowRows) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }
}

/// Stored as an array of ``WindowRow``, as the list was before it became compact.
extension WindowRows: Codable {
    /// Decodes an array of rows.
    public init(from decoder: Decoder) throws {
        self.init(try [WindowRow](from: decoder))
    }

    /// Encodes the rows as an array; fails when they cannot be read back.
    public func encode(to encoder: Encoder) throws {
        let rows = Array(self)
        if let failure = readFailure { throw failure }
        try rows.encode(to: encoder)
    }
}
