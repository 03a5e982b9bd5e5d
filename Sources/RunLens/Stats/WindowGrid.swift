/// The shared window width of adaptive windowing, for runs whose length is not known in
/// advance.
///
/// Every series of a run observes its positions here. The width starts at `initialWidth`
/// (1 step) and doubles whenever the positions seen so far, from the lowest to the highest,
/// would span more than `2 × target` windows; so a run long enough ends with between
/// `target` and `2 × target` windows (100–200 by default). Windows are aligned to multiples
/// of the width, hence each window of one width is the union of two of the previous width,
/// and a series catches up with a wider grid by merging its windows pairwise (see
/// ``WindowAccumulator``). All series of a run share one grid so that their windows line up.
///
/// A grid is a reference shared by the accumulators of one run and is not thread-safe: use
/// it from the thread that feeds them.
public final class WindowGrid {
    /// The default number of windows a run aims for.
    public static let defaultTarget = 100

    /// The number of windows aimed for; a run ends with `target…2·target` of them.
    public private(set) var target: Int

    /// The width before any doubling.
    public let initialWidth: Double

    /// How many times the width doubled.
    public private(set) var doublings = 0

    /// The current width: `initialWidth · 2^doublings`.
    public private(set) var width: Double

    /// The lowest position observed, or `nil` before any.
    public var lowest: Double? { low <= high ? low : nil }

    /// The highest position observed, or `nil` before any.
    public var highest: Double? { low <= high ? high : nil }

    private var low = Double.infinity
    private var high = -Double.infinity

    /// The largest `|position| / initialWidth` accepted, so that window indexes stay exact.
    public static let positionLimit = Double(1 << 52)

    /// Creates a grid aiming at `target` windows (at least 1) starting `initialWidth` wide (a
    /// width that is not positive and finite counts as 1).
    public init(target: Int = defaultTarget, initialWidth: Double = 1) {
        self.target = Swift.min(Swift.max(1, target), Int.max / 4)
        let usable = initialWidth.isFinite && initialWidth > 0
        self.initialWidth = usable ? initialWidth : 1
        width = self.initialWidth
    }

    /// The number of windows of the current width from the lowest to the highest position.
    public var windowCount: Int {
        guard let lowest, let highest else { return 0 }
        return Self.index(highest, width) - Self.index(lowest, width) + 1
    }

    /// Records a position, doubling the width as needed; returns `false`, recording nothing,
    /// for a position that is not finite or is beyond ``positionLimit`` initial widths.
    @discardableResult
    public func observe(_ position: Double) -> Bool {
        // Inside the range seen, the position is finite and within the limit as its ends are.
        if position >= low, position <= high { return true }
        guard position.isFinite, abs(position / initialWidth) <= Self.positionLimit else {
            return false
        }

        low = Swift.min(low, position)
        high = Swift.max(high, position)
        while windowCount > 2 * target {
            doublings += 1
            width *= 2
        }
        return true
    }

    /// Aims for `target` windows from now on when that is fewer (at least 1), doubling the
    /// width until the positions seen span at most `2 × target` windows; for a run sharing
    /// a budget of windows among more series than it planned for.
    public func lower(target: Int) {
        self.target = Swift.min(self.target, Swift.max(1, target))
        while windowCount > 2 * self.target {
            doublings += 1
            width *= 2
        }
    }

    /// Whether ``observe(_:)`` would record `position`: finite, within ``positionLimit``
    /// initial widths.
    func accepts(_ position: Double) -> Bool {
        position.isFinite && abs(position / initialWidth) <= Self.positionLimit
    }

    /// Records accepted positions `low ≤ high` at once when that keeps the width, as observing
    /// every position between them in any order would; returns whether it did.
    func observeKeepingWidth(low: Double, high: Double) -> Bool {
        guard keepsWidth(low: low, high: high) else { return false }

        self.low = Swift.min(self.low, low)
        self.high = Swift.max(self.high, high)
        return true
    }

    /// Whether recording accepted positions `low ≤ high` would keep the width; records
    /// nothing.
    func keepsWidth(low: Double, high: Double) -> Bool {
        let newLow = Swift.min(self.low, low)
        let newHigh = Swift.max(self.high, high)
        return Self.index(newHigh, width) - Self.index(newLow, width) + 1 <= 2 * target
    }

    /// The index of the window holding `position` for windows `width` wide:
    /// `⌊position / width⌋`, for a quotient within ``positionLimit`` (2^52).
    ///
    /// Computed without a call to `floor`: truncation is exact at that size and moves a
    /// non-integer quotient below 0 up by less than 1, so one step down gives the floor; a
    /// positive one it already moves down.
    @inline(__always)
    static func index(_ position: Double, _ width: Double) -> Int {
        let quotient = position / width
        let truncated = Int(quotient)
        return Double(truncated) > quotient ? truncated - 1 : truncated
    }
}
