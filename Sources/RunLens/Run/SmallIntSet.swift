/// A set of integers that answers for small non-negative ones (ranks, devices) from a bit
/// table, without hashing; other values go to a `Set`.
struct SmallIntSet {
    /// Values below this are kept as bits.
    private static let bitLimit = 4096

    private var bits: [UInt64] = []
    private var others: Set<Int> = []
    /// True when the set holds no value.
    private(set) var isEmpty = true

    /// Whether `value` is in the set.
    @inline(__always)
    func contains(_ value: Int) -> Bool {
        guard value >= 0, value < Self.bitLimit else { return others.contains(value) }
        let word = value >> 6
        return word < bits.count && bits[word] & (1 << UInt64(value & 63)) != 0
    }

    /// Adds `value`.
    @inline(__always)
    mutating func insert(_ value: Int) {
        // Nearly every record names a rank already seen: looking first spares the table's
        // uniqueness check.
        if contains(value) { return }
        isEmpty = false
        guard value >= 0, value < Self.bitLimit else {
            others.insert(value)
            return
        }
        let word = value >> 6
        if word >= bits.count { bits += repeatElement(0, count: word + 1 - bits.count) }
        bits[word] |= 1 << UInt64(value & 63)
    }

    /// The values in increasing order.
    func sorted() -> [Int] {
        var values = Array(others)
        for word in bits.indices where bits[word] != 0 {
            for bit in 0..<64 where bits[word] & (1 << UInt64(bit)) != 0 {
                values.append(word << 6 | bit)
            }
        }
        return values.sorted()
    }
}
