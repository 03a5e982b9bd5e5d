import Glibc

/// Where the whole lines of a buffer end, found with `memchr`.
///
/// The scan walks newline to newline from the start of the buffer and stops before the
/// first line longer than the cap, so that line can be reported on its own.
struct LineScan {
    /// Bytes `0..<end` are `lines` whole lines, each ended by `\n`.
    var end = 0
    /// How many lines end before `end`.
    var lines = 0
    /// Set when the line starting at `end` is ended by `\n` but longer than the cap: its
    /// length without the `\n`.
    var oversizedLength: Int?
    /// The offsets of the `lines` newlines, so that the chunk's reader need not search
    /// for them again.
    var newlines: [Int] = []

    /// Scans `bytes`, whose first `searchFrom` bytes are known to hold no newline.
    init(_ bytes: UnsafeRawBufferPointer, searchFrom: Int, maxLineBytes: Int) {
        guard let base = bytes.baseAddress else { return }

        var lineStart = 0
        var from = searchFrom
        var found: [Int] = []
        while from < bytes.count, let hit = memchr(base + from, 0x0A, bytes.count - from) {
            let newline = UnsafeRawPointer(hit) - base
            if newline - lineStart > maxLineBytes {
                oversizedLength = newline - lineStart
                break
            }
            found.append(newline)
            lineStart = newline + 1
            from = lineStart
        }
        end = lineStart
        lines = found.count
        newlines = found
    }

    /// The offset of the first newline in `bytes`, if any.
    static func firstNewline(in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress, let hit = memchr(base, 0x0A, bytes.count) else {
            return nil
        }
        return UnsafeRawPointer(hit) - base
    }
}
