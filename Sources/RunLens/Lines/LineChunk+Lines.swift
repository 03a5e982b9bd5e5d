import Glibc

extension LineChunk {
    /// Calls `body` with each line of the chunk and its 1-based number, in order.
    ///
    /// A line is passed without its `\n` and without a `\r` just before it; the bytes are
    /// valid only during the call. An oversized-line chunk has no bytes and calls nothing.
    public func forEachLine(_ body: (UnsafeRawBufferPointer, Int) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }

            var start = 0
            var number = firstLineNumber
            while start < raw.count {
                var end = raw.count
                if let hit = memchr(base + start, 0x0A, raw.count - start) {
                    end = UnsafeRawPointer(hit) - base
                }

                var stop = end
                if stop > start, raw[stop - 1] == 0x0D {
                    stop -= 1
                }
                try body(UnsafeRawBufferPointer(rebasing: raw[start..<stop]), number)

                number += 1
                start = end + 1
            }
        }
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
