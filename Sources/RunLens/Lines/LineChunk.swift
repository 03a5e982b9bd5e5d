/// A run of whole lines cut from a byte stream, ready to be parsed on any thread.
///
/// `bytes` holds complete lines, each ended by `\n` except possibly the last line of the
/// stream. A line longer than the reader's cap is never buffered: it arrives alone as a
/// chunk with `oversizedLineLength` set and empty `bytes`.
public struct LineChunk: Sendable {
    /// The lines, terminators included; a leading UTF-8 BOM of the stream already removed.
    public var bytes: [UInt8]
    /// The 1-based number of the first line in `bytes`.
    public var firstLineNumber: Int
    /// Set when this chunk stands for one line that exceeded the cap: its length in bytes.
    public var oversizedLineLength: Int?
    /// True when the chunk's last line ends the stream without a `\n` after decoding
    /// stopped early (a truncated or corrupt compressed file): that line may be cut short.
    public var lastLineCutOff = false

    /// Creates a chunk.
    public init(bytes: [UInt8], firstLineNumber: Int, oversizedLineLength: Int? = nil) {
        self.bytes = bytes
        self.firstLineNumber = firstLineNumber
        self.oversizedLineLength = oversizedLineLength
    }
}
