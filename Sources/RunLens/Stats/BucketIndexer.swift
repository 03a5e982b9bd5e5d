#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the ``QuantileSketch`` bucket of a positive finite magnitude `x`, the index
/// `⌈log(x) · (1 / log(γ))⌉` exactly as `log` and one multiplication give it, mostly without
/// calling `log`.
///
/// `x = 2^e · m` with `m` in `[1, 2)` falls in one of 256 cells of `m`, of centre `c`; then
/// `log(x) = e · log(2) + log(c) + log(1 + r)` with `r = (m − c) / c`, `|r| ≤ 1/512`, and
/// `r − r²/2 + r³/3` is within `r⁴/4 < 4 · 10⁻¹²` of `log(1 + r)`. With the roundings of the
/// few operations, the estimate `t` of `log(x) / log(γ)` is within about `10⁻⁹` of the exact
/// quotient, and the quotient `log` gives within about `10⁻¹⁰` (an error of a few ulps of
/// `log`, times about 100, plus the product's rounding). So when `t` lies more than
/// ``margin`` (`2⁻¹⁶`, thousands of times both errors) from every integer, both lie strictly
/// between the same two integers and have the same ceiling. Otherwise, and for subnormal
/// `x`, the index is computed with `log` as before; that happens for about one value in
/// 30,000 (and for `x = 1`, whose quotient is 0).
struct BucketIndexer {
    /// How far from an integer the estimate must lie to be trusted, in buckets.
    static var margin: Double { 0x1p-16 }

    /// Per cell: `1 / c` and `log(c) / log(γ)`, for the cell's centre `c`.
    private static let cells: [Double] = (0..<256).flatMap { cell in
        let centre = centre(of: cell)
        return [1 / centre, log(centre) * QuantileSketch.inverseLogGamma]
    }

    /// `log(2) / log(γ)`: the buckets per doubling.
    private static let octave = log(2.0) * QuantileSketch.inverseLogGamma

    private let cells: UnsafeBufferPointer<Double>
    private let octave: Double
    private let inverse: Double

    /// Calls `body` with an indexer, valid only inside the call.
    @inline(__always)
    static func with<Result>(_ body: (BucketIndexer) -> Result) -> Result {
        let octave = octave
        return cells.withUnsafeBufferPointer { cells in
            body(
                BucketIndexer(
                    cells: cells, octave: octave, inverse: QuantileSketch.inverseLogGamma))
        }
    }

    /// The centre of mantissa cell `cell`, `1 + (cell + 1/2) / 256`, built from its bits.
    @inline(__always)
    private static func centre(of cell: Int) -> Double {
        Double(bitPattern: 0x3FF0_0000_0000_0000 | UInt64(cell) << 44 | 1 << 43)
    }

    /// The bucket index of positive finite `magnitude`: the same as ``exactIndex(of:)``.
    @inline(__always)
    func index(of magnitude: Double) -> Int {
        let bits = magnitude.bitPattern
        let biased = Int(truncatingIfNeeded: bits >> 52)
        guard biased != 0 else { return Self.exactIndex(of: magnitude) }

        let cell = Int(truncatingIfNeeded: bits >> 44) & 0xFF
        let mantissa = Double(bitPattern: bits & 0x000F_FFFF_FFFF_FFFF | 0x3FF0_0000_0000_0000)
        let r = (mantissa - Self.centre(of: cell)) * cells[2 &* cell]
        let series = r * (1 + r * (-0.5 + r * (1.0 / 3)))
        let estimate = Double(biased &- 1023) * octave + cells[2 &* cell &+ 1] + series * inverse
        let index = QuantileSketch.ceiling(estimate)
        let gap = Double(index) - estimate
        guard gap > Self.margin, gap < 1 - Self.margin else {
            return Self.exactIndex(of: magnitude)
        }
        return index
    }

    /// The bucket index of positive finite `magnitude` through `log`: `⌈log(x) / log(γ)⌉`.
    static func exactIndex(of magnitude: Double) -> Int {
        QuantileSketch.ceiling(log(magnitude) * QuantileSketch.inverseLogGamma)
    }
}
