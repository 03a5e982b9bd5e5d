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
/// `r − r²/2` is within `r³/3 < 2.5 · 10⁻⁹` of `log(1 + r)`. Divided by `log(γ)` (about
/// 0.01) and with the roundings of the few operations, the estimate `t` of `log(x) / log(γ)`
/// is within about `3 · 10⁻⁷` of the exact quotient, and the quotient `log` gives within
/// about `10⁻¹⁰` (an error of a few ulps of `log`, times about 100, plus the product's
/// rounding). So when `t` lies more than ``margin`` (`2⁻¹⁶`, fifty times both errors) from
/// every integer, both lie strictly between the same two integers and have the same
/// ceiling. Otherwise, and for subnormal `x`, the index is computed with `log` as before;
/// that happens for about one value in 30,000 (and for `x = 1`, whose quotient is 0).
struct BucketIndexer {
    /// How far from an integer the estimate must lie to be trusted, in buckets.
    static var margin: Double { 0x1p-16 }

    /// Per cell: `2⁻⁵² / (c · log(γ))` and `log(c) / log(γ)`, for the cell's centre `c`.
    private static let cells: [Double] = (0..<256).flatMap { cell in
        let centre = centre(of: cell)
        let inverse = QuantileSketch.inverseLogGamma
        return [0x1p-52 * inverse / centre, log(centre) * inverse]
    }

    /// `−log(γ) / 2`: `log(1 + r) / log(γ)` is about `s · (1 + s · secondOrder)` for
    /// `s = r / log(γ)`.
    private static let secondOrder = -QuantileSketch.logGamma / 2

    /// Added to a number below 2^51 in magnitude, rounds it to an integer held in the low
    /// bits of the sum (the spacing of doubles in `[2^52, 2^53)` is 1).
    private static var roundingShift: Double { 0x1.8p52 }

    /// `log(2) / log(γ)`: the buckets per doubling.
    private static let octave = log(2.0) * QuantileSketch.inverseLogGamma

    private let cells: UnsafeBufferPointer<Double>
    private let octave: Double
    private let secondOrder: Double

    /// Calls `body` with an indexer, valid only inside the call.
    @inline(__always)
    static func with<Result>(_ body: (BucketIndexer) -> Result) -> Result {
        let octave = octave
        let secondOrder = secondOrder
        return cells.withUnsafeBufferPointer { cells in
            body(BucketIndexer(cells: cells, octave: octave, secondOrder: secondOrder))
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
        let exponent = Int(truncatingIfNeeded: bits >> 52) &- 1023
        let cell = Int(truncatingIfNeeded: bits >> 44) & 0xFF

        // `m − c` in units of 2⁻⁵², exactly: the mantissa bits below the cell's less its
        // centre.
        let offset = Double(Int(truncatingIfNeeded: bits & 0xFFF_FFFF_FFFF) &- (1 << 43))
        let s = offset * cells[2 &* cell]
        let estimate =
            Double(exponent) * octave + cells[2 &* cell &+ 1] + s * (1 + s * secondOrder)

        // The ceiling is the nearest integer, or the one above when the estimate lies above it.
        let shifted = estimate + Self.roundingShift
        let distance = estimate - (shifted - Self.roundingShift)
        guard distance.magnitude > Self.margin else {
            return Self.exactIndex(of: Double(bitPattern: bits))
        }

        let nearest = Int(truncatingIfNeeded: shifted.bitPattern &- Self.roundingShift.bitPattern)
        return distance > 0 ? nearest &+ 1 : nearest
    }

    /// The bucket index of positive finite `magnitude` through `log`: `⌈log(x) / log(γ)⌉`.
    static func exactIndex(of magnitude: Double) -> Int {
        QuantileSketch.ceiling(log(magnitude) * QuantileSketch.inverseLogGamma)
    }
}
