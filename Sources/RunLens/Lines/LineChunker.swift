import Glibc

/// Cuts a byte stream into chunks of whole lines, numbering them exactly.
///
/// Each chunk is one block read from the stream (`chunkSize` bytes) plus the partial line
/// carried from the block before, cut after its last `\n`; only that straddling tail is
/// copied twice. A UTF-8 BOM at the very start is dropped; CRLF is kept as is. In a file whose
/// lines end with a bare `\r` (old Mac style), every `\r` is read as `\n`. A line longer than
/// `maxLineBytes` is never held whole: it is skipped while streaming and comes back alone,
/// as a chunk with empty bytes and `oversizedLineLength` set. Memory stays below
/// about `chunkSize + 1.5 × maxLineBytes` (the peak while a long line is copied to grow).
public final class LineChunker {
    /// Bytes read from the stream per chunk.
    public let chunkSize: Int
    /// The longest line, without its `\n`, delivered as bytes.
    public let maxLineBytes: Int

    private let stream: ByteStream
    /// The stream, when it can hand out its blocks whole.
    private let blockStream: BlockByteStream?
    private var pending: [UInt8] = []
    private var nextLineNumber = 1
    private var skippedLength: Int?
    private var streamEnded = false
    private var startChecked = false
    /// How lines end: `nil` until the first line end is seen.
    private var carriageReturnsEndLines: Bool?
    /// Whether the last byte read, with the line ends still undecided, was a `\r`.
    private var pendingCarriageReturn = false
    /// How many `\r` not followed by `\n` came before the line ends were decided.
    private var bareCarriageReturns = 0

    /// Reads `stream` in blocks of `chunkSize` bytes (at least 4), capping lines at
    /// `maxLineBytes`.
    public init(stream: ByteStream, chunkSize: Int = 1 << 20, maxLineBytes: Int = 64 << 20) {
        self.stream = stream
        blockStream = stream as? BlockByteStream
        self.chunkSize = max(chunkSize, 4)
        self.maxLineBytes = max(maxLineBytes, 0)
    }

    /// The stream's warnings; complete once `next` has returned `nil`.
    public var warnings: [String] { stream.warnings }

    /// The next chunk of whole lines, or `nil` at the end of the stream.
    ///
    /// - Throws: the stream's `InputError`.
    public func next() throws(InputError) -> LineChunk? {
        if let skipped = skippedLength {
            return try finishOversizedLine(after: skipped)
        }

        var bytes = try read(after: takePending(), amount: chunkSize)
        var searchFrom = 0
        while true {
            let scan = bytes.withUnsafeBytes {
                LineScan($0, searchFrom: searchFrom, maxLineBytes: maxLineBytes)
            }
            if scan.lines > 0 {
                return cut(&bytes, at: scan)
            }
            if let length = scan.oversizedLength {
                pending = Array(bytes[(length + 1)...])
                return oversizedLine(length: length)
            }

            // No newline at all: the whole buffer is the start of one line, too long to keep.
            if bytes.count > maxLineBytes {
                let length = bytes.count
                bytes = []
                return try finishOversizedLine(after: length)
            }
            if streamEnded {
                return bytes.isEmpty ? nil : lastLine(bytes)
            }
            // Until the line ends are known, a `\r` already read may yet become a `\n`.
            searchFrom = carriageReturnsEndLines == nil ? 0 : bytes.count
            bytes = try read(after: bytes, amount: growth(of: bytes.count))
        }
    }

    /// How many bytes to add to an unfinished line of `length` bytes: as many again, but no
    /// more than one byte past the cap, and the cap at once when it is near. Growing an
    /// array copies it, so this bounds memory by about 1.5 times the cap, never twice.
    private func growth(of length: Int) -> Int {
        let room = maxLineBytes - length + 1
        let amount = min(max(chunkSize, length), room)
        return room - amount < chunkSize ? room : amount
    }

    /// Keeps the lines before `scan.end` as a chunk and the rest for the next call.
    private func cut(_ bytes: inout [UInt8], at scan: LineScan) -> LineChunk {
        var count = scan.lines
        let tail = bytes.count - scan.end
        let lastLineEndsStream = scan.oversizedLength == nil && streamEnded
        let keepsUnterminatedLine = lastLineEndsStream && tail > 0 && tail <= maxLineBytes

        if keepsUnterminatedLine {
            count += 1
        } else {
            if scan.oversizedLength == nil, tail > maxLineBytes {
                skippedLength = tail
            } else {
                pending = Array(bytes[scan.end...])
            }
            bytes.removeSubrange(scan.end...)
        }

        var chunk = LineChunk(
            bytes: bytes, firstLineNumber: nextLineNumber, newlines: scan.newlines)
        chunk.lastLineCutOff = keepsUnterminatedLine && stream.endedEarly
        nextLineNumber += count
        return chunk
    }

    /// Hands the bytes of `chunk`, whose lines were read, back to a stream that hands out
    /// blocks, to be filled again; `chunk` is left empty.
    public func recycle(_ chunk: inout LineChunk) {
        guard let blockStream else { return }
        var bytes: [UInt8] = []
        swap(&bytes, &chunk.bytes)
        blockStream.giveBack(bytes)
    }

    /// Reads and drops the rest of a line already `length` bytes long, up to its `\n`.
    private func finishOversizedLine(after length: Int) throws(InputError) -> LineChunk {
        var length = length
        skippedLength = length
        while !streamEnded {
            let block = try read(after: [], amount: chunkSize)
            if let newline = block.withUnsafeBytes({ LineScan.firstNewline(in: $0) }) {
                pending = Array(block[(newline + 1)...])
                length += newline
                break
            }
            length += block.count
            skippedLength = length
        }

        skippedLength = nil
        return oversizedLine(length: length)
    }

    private func oversizedLine(length: Int) -> LineChunk {
        let chunk = LineChunk(
            bytes: [], firstLineNumber: nextLineNumber, oversizedLineLength: length)
        nextLineNumber += 1
        return chunk
    }

    private func lastLine(_ bytes: [UInt8]) -> LineChunk {
        var chunk = LineChunk(bytes: bytes, firstLineNumber: nextLineNumber, newlines: [])
        chunk.lastLineCutOff = stream.endedEarly
        nextLineNumber += 1
        return chunk
    }

    private func takePending() -> [UInt8] {
        let taken = pending
        pending = []
        return taken
    }

    /// A new buffer holding `prefix`, then up to `amount` bytes from the stream, read
    /// straight into it. Fewer bytes come only at the end of the stream. With no prefix, a
    /// stream that hands out blocks gives its next block whole instead, of whatever size.
    private func read(after prefix: [UInt8], amount: Int) throws(InputError) -> [UInt8] {
        guard !streamEnded else { return prefix }

        var bytes: [UInt8]
        if prefix.isEmpty, let blockStream {
            guard let block = try blockStream.takeBlock() else {
                streamEnded = true
                return []
            }
            bytes = block
        } else {
            bytes = try readCopying(after: prefix, amount: amount)
        }
        stripByteOrderMark(&bytes)
        if carriageReturnsEndLines == nil {
            decideLineEnds(bytes, from: prefix.count)
        }
        if carriageReturnsEndLines == true {
            Self.replaceCarriageReturns(&bytes)
        }
        return bytes
    }

    /// `read`'s new buffer, filled with a copy of `prefix` and then from the stream.
    private func readCopying(after prefix: [UInt8], amount: Int) throws(InputError) -> [UInt8] {
        var failure: InputError?
        let bytes = [UInt8](unsafeUninitializedCapacity: prefix.count + amount) {
            buffer, initialized in
            initialized = prefix.withUnsafeBufferPointer {
                buffer.initialize(fromContentsOf: $0)
            }
            do throws(InputError) {
                let rest = UnsafeMutableBufferPointer(rebasing: buffer[initialized...])
                initialized += try fill(UnsafeMutableRawBufferPointer(rest))
            } catch {
                failure = error
            }
        }
        if let failure {
            throw failure
        }
        return bytes
    }

    /// Decides whether lines end with a bare `\r`, reading on from `bytes[start...]`: they do
    /// when two `\r` not followed by `\n` come before any `\n`, or when the input ends after
    /// one with no `\n` at all. A `\n` first, or `\r\n`, means they do not: a CRLF file, or
    /// one whose writer doubled its `\r` (`\r\r\n`), keeps its lines.
    private func decideLineEnds(_ bytes: [UInt8], from start: Int) {
        for byte in bytes[min(start, bytes.count)...] {
            if byte == 0x0A {
                carriageReturnsEndLines = false
                return
            }
            if pendingCarriageReturn {
                bareCarriageReturns += 1
            }
            pendingCarriageReturn = byte == 0x0D
            if bareCarriageReturns >= 2 {
                carriageReturnsEndLines = true
                return
            }
        }
        if streamEnded, pendingCarriageReturn || bareCarriageReturns > 0 {
            carriageReturnsEndLines = true
        }
    }

    /// Turns every `\r` of `bytes` into `\n`.
    private static func replaceCarriageReturns(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            var from = 0
            while from < raw.count, let hit = memchr(base + from, 0x0D, raw.count - from) {
                let offset = UnsafeMutableRawPointer(hit) - base
                raw[offset] = 0x0A
                from = offset + 1
            }
        }
    }

    /// Reads until `buffer` is full or the stream ends; returns the bytes read.
    private func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let count = try stream.read(
                into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if count == 0 {
                streamEnded = true
                break
            }
            filled += count
        }
        return filled
    }

    /// Drops a UTF-8 BOM from the first bytes of the stream, once.
    private func stripByteOrderMark(_ bytes: inout [UInt8]) {
        guard !startChecked else { return }

        startChecked = true
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes.removeFirst(3)
        }
    }
}
