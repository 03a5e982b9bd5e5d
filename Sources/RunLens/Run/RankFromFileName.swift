/// Reads a rank from a file name: `rank3.jsonl`, `rank-03.log`, `worker_3.jsonl`,
/// `log.txt.rank1`; or, when the file's name gives none, from the name of the folder that
/// holds it: `rank3/metrics.jsonl`, `worker_3/log.json`.
public enum RankFromFileName {
    /// The rank the base name of `path` carries, if any.
    public static func rank(in path: String) -> Int? {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return rank(inName: base)
    }

    /// The rank of the file at `path`: the one its name gives, else the one the name of the
    /// folder that holds it gives (only that folder: one further up may be a user's
    /// `worker3` home, not a rank's).
    public static func rank(ofFileAt path: String) -> Int? {
        rank(in: path) ?? folderRank(of: path)
    }

    /// The rank the folder that holds `path` gives, when the file's own name gives none.
    static func folderRank(of path: String) -> Int? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count > 1, rank(in: path) == nil else { return nil }
        return rank(inName: String(parts[parts.count - 2]))
    }

    private static func rank(inName name: String) -> Int? {
        let lower = Array(name.lowercased().utf8)
        for word in ["rank", "worker"] {
            if let found = number(after: Array(word.utf8), in: lower) { return found.value }
        }
        return nil
    }

    /// `name` without the rank it names (`node0-rank1` gives `node0`, `rank1_host3` gives
    /// `host3`), the separators around the rank taken off; `nil` when it names none or
    /// nothing is left.
    static func withoutRank(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        let lower = bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        for word in ["rank", "worker"] {
            guard let found = number(after: Array(word.utf8), in: lower) else { continue }
            let isSeparator = { (byte: UInt8) in byte == 45 || byte == 95 || byte == 46 }
            var before = bytes[..<found.range.lowerBound]
            var after = bytes[found.range.upperBound...]
            while let last = before.last, isSeparator(last) { before = before.dropLast() }
            while let first = after.first, isSeparator(first) { after = after.dropFirst() }
            // Joined again by the separator that stood before the rank, if one did.
            let between = bytes[before.endIndex]
            let glue = before.isEmpty || after.isEmpty || !isSeparator(between) ? [] : [between]
            let rest = Array(before) + glue + Array(after)
            return rest.isEmpty ? nil : String(decoding: rest, as: UTF8.self)
        }
        return nil
    }

    /// The first number after `word` in `name` (a `_` or `-` between them allowed, six digits
    /// at most), with the bytes from the word to the number's end.
    private static func number(after word: [UInt8], in name: [UInt8])
        -> (value: Int, range: Range<Int>)?
    {
        guard name.count > word.count else { return nil }
        var start = 0
        while start + word.count <= name.count {
            if Array(name[start..<start + word.count]) == word {
                var position = start + word.count
                if position < name.count,
                    name[position] == UInt8(ascii: "_") || name[position] == UInt8(ascii: "-")
                {
                    position += 1
                }
                var value = 0
                var digits = 0
                while position < name.count, name[position] >= 48, name[position] <= 57, digits < 6
                {
                    value = value * 10 + Int(name[position] - 48)
                    position += 1
                    digits += 1
                }
                if digits > 0 { return (value, start..<position) }
            }
            start += 1
        }
        return nil
    }
}
