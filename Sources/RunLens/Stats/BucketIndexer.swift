#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the ``QuantileSketch`` bucket of a positive finite magnitude `x`, the index
/// `⌈log(x) · K⌉` (`K = 1 / log(γ)`, a double) exactly as `log` and one multiplication give
/// it, mostly by a table lookup on the top bits of `x`.
///
/// Cells: the bit pattern of `x` shifted right by 45 (its exponent and the top 7 bits of its
/// mantissa) names a cell of `2^45` consecutive doubles, at most `1/128` of a binade, so the
/// logarithms across a cell differ by at most `log(1 + 1/128) < 0.0078`, under 0.78 of a
/// bucket (`log(γ) > 0.0100002`). Bucket `n` ends where `log(x) · K = n`, at `x = e^(n / K)`,
/// and its double `c(n)` comes from `exp` within a thousand doubles of that point. Within
/// ``band`` (`2^30`) doubles of its cell lies at most one such crossing `c(n)`; the table holds
/// it (and `n`) for the cells of exponents −64 to 63, or 0 and `m − 1` for a cell lying
/// wholly in bucket `m`.
///
/// Why the table's answer is `log`'s: a double more than `band` doubles from `c(n)` is more
/// than `2^29` from the true crossing, so `log(x) · K` lies more than `K · 2^29 · 2^−53 >
/// 5 · 10⁻⁶` from `n` (a double's spacing is at least `2^−53` of it), and at least 0.2 from
/// every other integer (a cell is narrower than 0.78 of a bucket and holds no other crossing
/// near it); `log`'s rounding (within an ulp of `log(x)`, about `10⁻¹³` for the
/// table's range) and the product's (about `10⁻¹¹`) move the quotient far less than that.
/// So the quotient and its ceiling fall on the same side of `n` as `x` of `c(n)`. A magnitude
/// within the band (about one in 30,000), outside the table's exponents, or subnormal goes
/// through `log` as before.
struct BucketIndexer {
    /// How many doubles either side of a crossing go through `log`.
    static var band: Int64 { 1 << 30 }

    /// The bits shifted away to find a magnitude's cell.
    static var cellShift: UInt64 { 45 }

    /// The cell of `2^−64`, the first in the table.
    static var firstCell: UInt64 { (1023 - 64) << 7 }

    /// The cells of the table: 128 binades of 128 cells.
    static var cellCount: UInt64 { 128 * 128 }

    /// Per cell of the table: the bits of the crossing `c(n)` within ``band`` of the cell, or
    /// 0 when none is; and `n`, or `m − 1` for a cell wholly in bucket `m`.
    private static let table = makeTable()

    private let crossings: UnsafePointer<Int64>
    private let indexes: UnsafePointer<Int32>

    /// Calls `body` with an indexer, valid only inside the call.
    @inline(__always)
    static func with<Result>(_ body: (BucketIndexer) -> Result) -> Result {
        let table = table
        return table.crossings.withUnsafeBufferPointer { crossings in
            table.indexes.withUnsafeBufferPointer { indexes in
                // Both tables hold `cellCount` entries, so their base addresses are not nil.
                guard let crossings = crossings.baseAddress, let indexes = indexes.baseAddress
                else { preconditionFailure("bucket table missing") }
                return body(BucketIndexer(crossings: crossings, indexes: indexes))
            }
        }
    }

    /// The bucket index of positive finite `magnitude`: the same as ``exactIndex(of:)``.
    @inline(__always)
    func index(of magnitude: Double) -> Int {
        guard magnitude >= .leastNormalMagnitude else { return Self.exactIndex(of: magnitude) }
        return index(ofNormal: magnitude)
    }

    /// The bucket index of positive, finite and normal `magnitude`: the same as
    /// ``exactIndex(of:)``.
    @inline(__always)
    func index(ofNormal magnitude: Double) -> Int {
        index(ofNormalBits: magnitude.bitPattern)
    }

    /// Whether `bits`, the bits of a magnitude, are those of a finite normal number: an
    /// exponent field from 1 to 2046, not zero, subnormal, infinite or NaN.
    @inline(__always)
    static func isNormal(_ bits: UInt64) -> Bool {
        bits &- 0x0010_0000_0000_0000 < 0x7FE0_0000_0000_0000
    }

    /// ``index(ofNormal:)`` given the bits of the magnitude.
    @inline(__always)
    func index(ofNormalBits bits: UInt64) -> Int {
        index(ofBits: bits) ?? Self.exactIndex(ofBits: bits)
    }

    /// The bucket index of the magnitude of bits `bits`, or `nil` when that is zero,
    /// subnormal, infinite or NaN: ``index(ofNormalBits:)`` with the test for a normal number
    /// made only outside the table, whose cells hold normal numbers alone.
    @inline(__always)
    func index(ofBits bits: UInt64) -> Int? {
        let cell = (bits >> Self.cellShift) &- Self.firstCell
        guard cell < Self.cellCount else {
            return Self.isNormal(bits) ? Self.exactIndex(ofBits: bits) : nil
        }

        let distance = Int64(bitPattern: bits) &- crossings[Int(cell)]
        guard UInt64(bitPattern: distance &+ Self.band) > UInt64(2 * Self.band) else {
            return Self.exactIndex(ofBits: bits)
        }
        return Int(indexes[Int(cell)]) &+ (distance > 0 ? 1 : 0)
    }

    /// The bucket index of the magnitude of bits `bits` from the table alone, or `nil` where
    /// the table cannot tell it: outside its cells (negative numbers among them, as their sign
    /// bit puts them there) or within ``band`` of a crossing. Where not `nil`, the same as
    /// ``index(ofBits:)``.
    @inline(__always)
    func tableIndex(ofBits bits: UInt64) -> Int? {
        let cell = (bits >> Self.cellShift) &- Self.firstCell
        guard cell < Self.cellCount else { return nil }

        let distance = Int64(bitPattern: bits) &- crossings[Int(cell)]
        guard UInt64(bitPattern: distance &+ Self.band) > UInt64(2 * Self.band) else {
            return nil
        }
        // `distance` is not 0 here, so it is above 0 exactly when its sign bit is clear.
        let below = Int(truncatingIfNeeded: UInt64(bitPattern: distance) >> 63)
        return Int(indexes[Int(cell)]) &+ 1 &- below
    }

    /// ``exactIndex(of:)`` given the bits, kept out of line so that the table's path keeps
    /// its registers.
    @inline(never)
    private static func exactIndex(ofBits bits: UInt64) -> Int {
        exactIndex(of: Double(bitPattern: bits))
    }

    /// The bucket index of positive finite `magnitude` through `log`: `⌈log(x) / log(γ)⌉`.
    static func exactIndex(of magnitude: Double) -> Int {
        QuantileSketch.ceiling(log(magnitude) * QuantileSketch.inverseLogGamma)
    }

    /// The bits of `c(n)`, the double nearest where bucket `n` ends (within a thousand).
    private static func crossing(_ index: Int) -> Int64 {
        Int64(bitPattern: exp(Double(index) / QuantileSketch.inverseLogGamma).bitPattern)
    }

    /// Walks the crossings and the cells upwards together: each cell takes the crossing
    /// within ``band`` of it, if any, and the index of the bucket below that crossing.
    private static func makeTable() -> (crossings: [Int64], indexes: [Int32]) {
        let count = Int(cellCount)
        var crossings = [Int64](repeating: 0, count: count)
        var indexes = [Int32](repeating: 0, count: count)
        let cellWidth = Int64(1) << Int64(cellShift)
        let first = Int64(firstCell << cellShift)
        // Two buckets below the first cell's, whose crossing lies well below it.
        var index = exactIndex(of: Double(bitPattern: UInt64(first))) - 2
        var next = crossing(index)
        for cell in 0..<count {
            let low = first + Int64(cell) * cellWidth
            while next < low - band {
                index += 1
                next = crossing(index)
            }
            if next <= low + cellWidth - 1 + band {
                (crossings[cell], indexes[cell]) = (next, Int32(index))
            } else {
                indexes[cell] = Int32(index - 1)
            }
        }
        return (crossings, indexes)
    }
}
