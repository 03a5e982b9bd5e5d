#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A report file written in pieces through a small buffer, so that a large file (the rows of
/// `windows.csv`) never has to exist whole in memory.
struct ReportFile {
    /// Bytes gathered before they go to the file.
    static let bufferSize = 1 << 16

    /// The file's path, for errors.
    let path: String

    private let descriptor: Int32
    /// ``bufferSize`` bytes, allocated and freed by `create`, of which `count` are in use.
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0

    /// Creates or empties the file at `path` and calls `body` to fill it; the file is closed
    /// afterwards, also when writing failed.
    static func create(
        _ path: String, _ body: (inout ReportFile) throws(OutputError) -> Void
    ) throws(OutputError) {
        var file = try ReportFile(path: path)
        defer {
            _ = close(file.descriptor)
            file.buffer.deallocate()
        }

        try body(&file)
        try file.flush()
    }

    private init(path: String) throws(OutputError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw OutputError(path: path, reason: OutputWriter.systemReason(errno))
        }
        buffer = .allocate(capacity: Self.bufferSize)
    }

    /// Appends `text`, writing the buffer out whenever it is full.
    mutating func append(_ text: String) throws(OutputError) {
        var text = text
        var failure: OutputError?
        text.withUTF8 { bytes in
            do throws(OutputError) { try append(bytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Appends a comma and `cell`: the next cell of a CSV row whose cells need no quotes.
    mutating func appendCell(_ cell: String) throws(OutputError) {
        try room(for: 1)
        buffer[count] = UInt8(ascii: ",")
        count += 1
        try append(cell)
    }

    /// Appends `bytes`, writing the buffer out whenever it is full.
    mutating func append(_ bytes: [UInt8]) throws(OutputError) {
        try bytes.withUnsafeBufferPointer { bytes throws(OutputError) in try append(bytes) }
    }

    /// Appends a comma and `value` in decimal.
    mutating func appendCell(_ value: Int) throws(OutputError) {
        try room(for: 22)
        buffer[count] = UInt8(ascii: ",")
        buffer[count + 1] = UInt8(ascii: "-")
        let sign = value < 0 ? 1 : 0
        let magnitude = UInt64(value.magnitude)
        let digits = DecimalDigits.count(magnitude)
        DecimalDigits.write(magnitude, count: digits, to: buffer + count + 1 + sign)
        count += 1 + sign + digits
    }

    /// Ends a CSV row.
    mutating func endRow() throws(OutputError) {
        try room(for: 2)
        buffer[count] = UInt8(ascii: "\r")
        buffer[count + 1] = UInt8(ascii: "\n")
        count += 2
    }

    /// Appends a comma and `value` as ``NumberFormat/exact(_:)-(Double)`` writes it (nothing
    /// for `nil`), without making a `String` of it.
    mutating func appendExactCell(_ value: Double?) throws(OutputError) {
        try room(for: 1 + ExactNumberWriter.capacity)
        buffer[count] = UInt8(ascii: ",")
        count += 1
        if let value { count += ExactNumberWriter.write(value, to: buffer + count) }
    }

    /// Appends `value` as ``NumberFormat/exact(_:)-(Double)`` writes it.
    mutating func appendExact(_ value: Double) throws(OutputError) {
        try room(for: ExactNumberWriter.capacity)
        count += ExactNumberWriter.write(value, to: buffer + count)
    }

    /// Appends `bytes`, writing the buffer out each time it fills.
    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) throws(OutputError) {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            if count == Self.bufferSize { try flush() }
            let piece = min(left, Self.bufferSize - count)
            (buffer + count).update(from: next, count: piece)
            count += piece
            next += piece
            left -= piece
        }
    }

    /// Writes the buffer out first if fewer than `bytes` bytes are free in it.
    @inline(__always)
    private mutating func room(for bytes: Int) throws(OutputError) {
        if count + bytes > Self.bufferSize { try flush() }
    }

    /// Writes out what the buffer holds, retrying after interruptions and short writes.
    private mutating func flush() throws(OutputError) {
        let bytes = UnsafeRawBufferPointer(start: buffer, count: count)
        let failure = DescriptorIO.writeAll(descriptor, bytes)
        count = 0
        if let failure { throw OutputError(path: path, reason: OutputWriter.systemReason(failure)) }
    }
}
