import Glibc

extension LineChunk {
    /// Calls `body` with each line of the chunk and its 1-based number, in order.
    ///
    /// A line is passed without its `\n` and without a `\r` just before it; the bytes are
    /// valid only during the call. An oversized-line chunk has no bytes and calls nothing.
    /// The newlines the chunker found are used when known; otherwise each is searched for.
    public func forEachLine(_ body: (UnsafeRawBufferPointer, Int) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }

            var start = 0
            var number = firstLineNumber
            if let newlines {
                for end in newlines {
                    try body(Self.line(raw, from: start, to: end), number)
                    number += 1
                    start = end + 1
                }
                if start < raw.count {
                    try body(Self.line(raw, from: start, to: raw.count), number)
                }
                return
            }

            while start < raw.count {
                var end = raw.count
                if let hit = memchr(base + start, 0x0A, raw.count - start) {
                    end = UnsafeRawPointer(hit) - base
                }
                try body(Self.line(raw, from: start, to: end), number)
                number += 1
                start = end + 1
            }
        }
    }

    /// The line from `start` to the newline (or end) at `end`, without a `\r` before it.
    @inline(__always)
    private static func line(_ raw: UnsafeRawBufferPointer, from start: Int, to end: Int)
        -> UnsafeRawBufferPointer
    {
        var stop = end
        if stop > start, raw[stop - 1] == 0x0D {
            stop -= 1
        }
        return UnsafeRawBufferPointer(rebasing: raw[start..<stop])
    }

    /// The number of the chunk's last line when `lastLineCutOff` says it may be cut short.
    public var cutOffLineNumber: Int? {
        lastLineCutOff ? firstLineNumber + lineCount - 1 : nil
    }

    /// How many lines the chunk stands for: one for an oversized line.
    public var lineCount: Int {
        if oversizedLineLength != nil {
            return 1
        }
        if let newlines {
            let unterminated = (newlines.last ?? -1) + 1 < bytes.count
            return newlines.count + (unterminated ? 1 : 0)
        }
        return bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return 0 }

            var count = 0
            var start = 0
            while start < raw.count {
                count += 1
                guard let hit = memchr(base + start, 0x0A, raw.count - start) else { break }
                start = UnsafeRawPointer(hit) - base + 1
            }
            return count
        }
    }
}
