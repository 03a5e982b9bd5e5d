extension Double {
    /// `rounded(.down)` as an `Int`, for a value of magnitude below 2^53 (where every
    /// integer is a `Double`, so truncating and stepping down once is exact).
    ///
    /// The same result as `Int(rounded(.down))` without its call to `floor` in libm, which
    /// the baseline x86-64 target makes for want of SSE4.1 and which spills every live
    /// floating-point register around it; detectors take it once or twice a point.
    @inline(__always)
    var floorIndex: Int {
        let truncated = Int(self)
        return Double(truncated) > self ? truncated - 1 : truncated
    }

    /// `isFinite && self >= 0` (true for −0 too), tested on the bits: the two comparisons
    /// were compiled to a dozen class tests (zero, subnormal, normal and sign, each set and
    /// merged) at every point of the detectors that take them.
    @inline(__always)
    var isFiniteAndNotNegative: Bool {
        let bits = bitPattern
        return bits < 0x7FF0_0000_0000_0000 || bits == 0x8000_0000_0000_0000
    }
}
