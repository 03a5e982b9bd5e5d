/// A run of whole lines cut from a byte stream, ready to be parsed on any thread.
///
/// `bytes` holds complete lines, each ended by `\n` except possibly the last line of the
/// stream. A line longer than the reader's cap is never buffered: it arrives alone as a
/// chunk with `oversizedLineLength` set and empty `bytes`.
public struct LineChunk: Sendable {
    /// The lines, terminators included; a leading UTF-8 BOM of the stream already removed.
    public var bytes: [UInt8] {
        didSet { newlines = nil }
    }
    /// The 1-based number of the first line in `bytes`.
    public var firstLineNumber: Int
    /// Set when this chunk stands for one line that exceeded the cap: its length in bytes.
    public var oversizedLineLength: Int?
    /// True when the chunk's last line ends the stream without a `\n` after decoding
    /// stopped early (a truncated or corrupt compressed file): that line may be cut short.
    public var lastLineCutOff = false
    /// The offset of every `\n` in `bytes`, in order, when the chunker found them while
    /// cutting the chunk, so that the lines need not be searched for again; `nil` when not
    /// known. Changing `bytes` forgets them.
    private(set) var newlines: [Int]?

    /// Creates a chunk.
    public init(bytes: [UInt8], firstLineNumber: Int, oversizedLineLength: Int? = nil) {
        self.bytes = bytes
        self.firstLineNumber = firstLineNumber
        self.oversizedLineLength = oversizedLineLength
    }

    /// Creates a chunk of `bytes` whose `\n` bytes are exactly those at `newlines`.
    init(bytes: [UInt8], firstLineNumber: Int, newlines: [Int]) {
        self.init(bytes: bytes, firstLineNumber: firstLineNumber)
        self.newlines = newlines
    }

    /// Adds the bytes of `next`, the chunk that follows this one, keeping the newlines known
    /// when both chunks know theirs.
    mutating func append(_ next: LineChunk) {
        let shift = bytes.count
        var merged: [Int]?
        if let newlines, let following = next.newlines {
            merged = newlines + following.map { $0 + shift }
        }
        bytes += next.bytes
        newlines = merged
        lastLineCutOff = next.lastLineCutOff
    }
}
