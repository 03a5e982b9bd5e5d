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
    private var buffer: [UInt8] = []

    /// Creates or empties the file at `path` and calls `body` to fill it; the file is closed
    /// afterwards, also when writing failed.
    static func create(
        _ path: String, _ body: (inout ReportFile) throws(OutputError) -> Void
    ) throws(OutputError) {
        var file = try ReportFile(path: path)
        defer { _ = close(file.descriptor) }

        try body(&file)
        try file.flush()
    }

    private init(path: String) throws(OutputError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw OutputError(path: path, reason: OutputWriter.systemReason(errno))
        }
        buffer.reserveCapacity(Self.bufferSize)
    }

    /// Appends `text`, writing the buffer out whenever it is full.
    mutating func append(_ text: String) throws(OutputError) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= Self.bufferSize { try flush() }
    }

    /// Appends a comma and `cell`: the next cell of a CSV row whose cells need no quotes.
    mutating func appendCell(_ cell: String) throws(OutputError) {
        buffer.append(UInt8(ascii: ","))
        try append(cell)
    }

    /// Writes out what the buffer holds, retrying after interruptions and short writes.
    private mutating func flush() throws(OutputError) {
        let failure = buffer.withUnsafeBytes { DescriptorIO.writeAll(descriptor, $0) }
        buffer.removeAll(keepingCapacity: true)
        if let failure { throw OutputError(path: path, reason: OutputWriter.systemReason(failure)) }
    }
}
