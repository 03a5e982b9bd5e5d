import Glibc

extension InputDiscovery {
    /// Name endings of compressed copies: `x.jsonl.gz` beside `x.jsonl` may be the same log.
    /// A name only picks the files worth comparing; their contents decide.
    static let compressionSuffixes = [".gz", ".gzip", ".zst", ".zstd"]

    /// The files of `files` to read, and one note per file left out: a file whose path
    /// differs from an earlier one's only by a compression suffix, and whose bytes, both
    /// decoded as their first bytes call for, are the same, is that log again.
    ///
    /// Only such pairs are opened, so a run without them reads nothing here. A pair that
    /// cannot be read to its end, or whose decoding warned (a truncated copy), is kept: the
    /// reading reports what is wrong with it.
    static func withoutCompressedCopies(
        _ files: [String]
    ) -> (files: [String], notes: [SkippedInput]) {
        var kept: [String] = []
        var notes: [SkippedInput] = []
        var byBase: [String: [String]] = [:]
        for path in files {
            guard path != "-" else {
                kept.append(path)
                continue
            }
            let base = uncompressedName(path)
            let earlier = byBase[base, default: []]
            if let original = earlier.first(where: { holdSameLog($0, path) }) {
                notes.append(SkippedInput(path: path, reason: "the same log as '\(original)'"))
                continue
            }
            byBase[base, default: []].append(path)
            kept.append(path)
        }
        return (kept, notes)
    }

    /// `path` without one compression suffix.
    static func uncompressedName(_ path: String) -> String {
        for suffix in compressionSuffixes where path.hasSuffix(suffix) {
            return String(path.dropLast(suffix.count))
        }
        return path
    }

    /// Whether regular files `first` and `second` decode to the same bytes, cleanly.
    static func holdSameLog(_ first: String, _ second: String) -> Bool {
        guard isRegularFile(first), isRegularFile(second),
            let one = try? InputOpener.open(path: first),
            let two = try? InputOpener.open(path: second)
        else { return false }

        let size = 1 << 16
        var left = [UInt8](repeating: 0, count: size)
        var right = [UInt8](repeating: 0, count: size)
        while true {
            guard let count = fill(&left, from: one), fill(&right, from: two) == count,
                left.prefix(count).elementsEqual(right.prefix(count))
            else { return false }
            if count < size { break }
        }
        return one.warnings.isEmpty && two.warnings.isEmpty && !one.endedEarly && !two.endedEarly
    }

    /// Reads from `stream` until `buffer` is full or the stream ends; returns the count read,
    /// or nil when a read failed.
    private static func fill(_ buffer: inout [UInt8], from stream: ByteStream) -> Int? {
        var filled = 0
        while filled < buffer.count {
            let count = buffer.withUnsafeMutableBytes { raw in
                (try? stream.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...])))
                    ?? -1
            }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            filled += count
        }
        return filled
    }
}
