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
}
