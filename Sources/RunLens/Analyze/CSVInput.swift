/// One CSV input as it is read: its reader, the record being built, and the numbers of the
/// lines last given to the reader, which name the lines it gives back to be read again.
struct CSVInput {
    var reader: CSVReader
    var builder: RecordBuilder
    /// The input's file index in the run.
    let file: Int32
    /// The numbers of the last lines given to the reader: enough to name every line it can
    /// give back (fewer than ``CSVReader/maxLinesPerRecord``) and the line read before them.
    var fedLines: RecentLineNumbers

    init(reader: CSVReader, builder: RecordBuilder, file: Int32) {
        self.reader = reader
        self.builder = builder
        self.file = file
        fedLines = RecentLineNumbers(capacity: reader.maxLinesPerRecord)
    }

    /// The number of the line the reader read last: given back lines are the last ones given
    /// to it, so the line before those waiting.
    var lastLineRead: Int { fedLines.number(back: reader.linesGivenBack) }
}

/// The numbers of the last lines noted, up to a fixed count, kept in a ring.
struct RecentLineNumbers {
    private var ring: [Int]
    private var noted = 0

    /// Keeps the last `capacity` numbers (at least one).
    init(capacity: Int) {
        ring = Array(repeating: 0, count: max(1, capacity))
    }

    /// Notes the number of the line given now.
    mutating func note(_ number: Int) {
        ring[noted % ring.count] = number
        noted += 1
    }

    /// The number of the line noted `back` lines before the last (0: the last); 0 when it
    /// was not noted or is no longer kept.
    func number(back: Int) -> Int {
        guard back >= 0, back < noted, back < ring.count else { return 0 }
        return ring[(noted - 1 - back) % ring.count]
    }
}
