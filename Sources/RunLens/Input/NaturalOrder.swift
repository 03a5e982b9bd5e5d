/// The order a folder's entries are read in: by name, with each run of digits compared by
/// its value, so `rank2` comes before `rank10` and `version_9` before `version_10`. Names
/// equal that way (`run01`, `run1`) fall back to byte order, so the order is total and the
/// same on every run.
enum NaturalOrder {
    /// Whether `lhs` comes before `rhs`.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        switch compare(left, right) {
        case .some(let before): return before
        case .none: return left.lexicographicallyPrecedes(right)
        }
    }

    /// True or false when the names differ with digit runs taken by value; nil when equal.
    private static func compare(_ left: [UInt8], _ right: [UInt8]) -> Bool? {
        var i = 0
        var j = 0
        while i < left.count, j < right.count {
            if isDigit(left[i]), isDigit(right[j]) {
                let a = digitRun(left, from: i)
                let b = digitRun(right, from: j)
                if let before = compareValues(left[a.value], right[b.value]) { return before }
                i = a.end
                j = b.end
                continue
            }
            if left[i] != right[j] { return left[i] < right[j] }
            i += 1
            j += 1
        }
        if i < left.count || j < right.count { return j < right.count }
        return nil
    }

    /// The run of digits at `start`: where it ends, and its digits past leading zeros.
    private static func digitRun(_ bytes: [UInt8], from start: Int) -> (end: Int, value: Range<Int>)
    {
        var end = start
        while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        var first = start
        while first < end - 1, bytes[first] == UInt8(ascii: "0") { first += 1 }
        return (end, first..<end)
    }

    /// Two numbers written without leading zeros: the shorter is smaller, else the first
    /// digit that differs decides; nil when equal.
    private static func compareValues(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool? {
        if a.count != b.count { return a.count < b.count }
        for (x, y) in zip(a, b) where x != y { return x < y }
        return nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
