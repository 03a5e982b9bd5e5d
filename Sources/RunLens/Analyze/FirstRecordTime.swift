/// Peeks at the head of a log for the time of its first timed record, to tell which of the
/// parts of one log was written first (``ContinuationOrder``).
///
/// Reads at most `headBytes` decoded bytes (compressed files are decoded as they would be
/// read) into a field table of its own, so the run's table is untouched; nothing is kept.
// TODO(#2): only JSON Lines heads are read; a CSV's or JSON document's parts keep their name
// order (or logrotate's) even when timed. Reading their first row the same way would order them.
enum FirstRecordTime {
    /// How much of a file's decoded head is looked at.
    static let headBytes = 64 * 1024

    /// The epoch time of the first record in `path`'s head that has one; nil when none has,
    /// the times are offsets from the log's own start, or the file is no JSON Lines log or
    /// cannot be read.
    static func peek(_ path: String, matcher: RoleMatcher) -> Double? {
        guard let head = try? read(path) else { return nil }
        return head.withUnsafeBytes { bytes in
            guard FormatSniffer.sniff(bytes, fileName: path) == .jsonLines else { return nil }
            return firstTime(in: bytes, matcher: matcher)
        }
    }

    /// The first `headBytes` decoded bytes of `path`, cut after the last whole line.
    private static func read(_ path: String) throws(InputError) -> [UInt8] {
        let stream = try InputOpener.openDetecting(path: path).stream
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: headBytes, alignment: 1)
        defer { buffer.deallocate() }
        var filled = 0
        while filled < headBytes {
            let count = try stream.read(
                into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if count == 0 { return Array(buffer[..<filled]) }
            filled += count
        }
        let end = buffer.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        return Array(buffer[..<end])
    }

    private static func firstTime(in bytes: UnsafeRawBufferPointer, matcher: RoleMatcher)
        -> Double?
    {
        var builder = RecordBuilder(fields: FieldTable(matcher: matcher, capacity: 1_000))
        var scanner = JSONScanner()
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }
            let line = UnsafeRawBufferPointer(rebasing: bytes[start..<(end ?? bytes.count)])
            start = end ?? bytes.count
            builder.begin()
            guard case .record = scanner.scanRecord(line, visitor: &builder),
                let time = builder.record.time
            else { continue }
            return builder.record.timeIsRelative ? nil : time
        }
        return nil
    }
}
