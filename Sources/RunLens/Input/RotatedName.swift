/// A log file's name read as logrotate writes the parts of one log: the live file under the
/// bare name (`train.jsonl`), older parts with a number (`train.jsonl.1`, `train.jsonl.2.gz`:
/// the higher, the older) or a date (`train.jsonl-20240514`, the earlier, the older), each
/// perhaps compressed.
struct RotatedName: Equatable {
    /// Which part of a rotated log a name is.
    enum Part: Equatable {
        /// The bare name: the live, newest part.
        case live
        /// A numbered part: the higher the number, the older.
        case numbered(Int)
        /// A dated part (`YYYYMMDD`, as digits): the earlier, the older.
        case dated(Int)
    }

    /// The name without compression or rotation suffix.
    var base: String
    /// Which part the name is.
    var part: Part

    /// The suffixes of compressed copies.
    static let compressionSuffixes = [".gz", ".zst", ".zstd"]

    /// Reads `name` (a file name, no folders). A number suffix counts only when
    /// `hasLiveName` says a file of the bare name is beside it: without one, `x.0` and `x.1`
    /// are as likely two ranks as two parts of one log.
    init(_ name: String, hasLiveName: (String) -> Bool) {
        let plain = Self.withoutCompression(name)
        if let (base, number) = Self.split(plain, at: "."), number.count <= 3,
            hasLiveName(base), let value = Int(number)
        {
            self.init(base: base, part: .numbered(value))
        } else if let (base, date) = Self.split(plain, at: "-"), Self.isDate(date),
            let value = Int(date)
        {
            self.init(base: base, part: .dated(value))
        } else {
            self.init(base: plain, part: .live)
        }
    }

    private init(base: String, part: Part) {
        self.base = base
        self.part = part
    }

    /// The parts in the order they were written: numbered parts from the highest number,
    /// then dated parts from the earliest date, then the live file.
    var writtenOrder: (Int, Int) {
        switch part {
        case .numbered(let number): return (0, -number)
        case .dated(let date): return (1, date)
        case .live: return (2, 0)
        }
    }

    /// `name` without a compression suffix.
    static func withoutCompression(_ name: String) -> String {
        for suffix in compressionSuffixes where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    /// `name` cut at its last `separator` when what follows is digits only and what comes
    /// before is not empty.
    private static func split(_ name: String, at separator: Character) -> (String, String)? {
        guard let index = name.lastIndex(of: separator) else { return nil }
        let head = String(name[..<index])
        let tail = String(name[name.index(after: index)...])
        guard !head.isEmpty, !tail.isEmpty, tail.allSatisfy(\.isASCIIDigit) else { return nil }
        return (head, tail)
    }

    /// `YYYYMMDD` with a plausible year, month and day.
    private static func isDate(_ digits: String) -> Bool {
        guard digits.count == 8, let value = Int(digits) else { return false }
        let (year, month, day) = (value / 10_000, value / 100 % 100, value % 100)
        return (1970...2199).contains(year) && (1...12).contains(month) && (1...31).contains(day)
    }
}

extension Character {
    /// `0` to `9`.
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
