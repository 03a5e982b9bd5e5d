/// Finds where a learning rate's warm-up ends: the first point at which it reaches the
/// highest value of its opening rise.
///
/// The rise is the run of points from the start in which the rate never falls; the
/// warm-up ends at the first point holding the rise's highest value, so a rate that is
/// flat from the start has no warm-up and a linear ramp followed by a constant rate ends
/// where the ramp does. A step going backwards (a restart) starts afresh.
struct WarmupTracker {
    /// Where the warm-up ended (or, while the rate still rises, the latest rise), or `nil`
    /// before any finite point.
    private(set) var end: Point?
    private(set) var endPosition = -Double.infinity
    private var peak = -Double.infinity
    private var first = Double.nan
    private var fell = false
    private var lastPosition = -Double.infinity

    /// Takes the next learning-rate point at `position`.
    mutating func observe(_ point: Point, position: Double) {
        guard point.value.isFinite else { return }
        if position < lastPosition { self = WarmupTracker() }
        lastPosition = position
        guard !fell else { return }

        if first.isNaN { first = point.value }
        if point.value > peak {
            peak = point.value
            end = point
            endPosition = position
        } else if point.value < peak {
            fell = true
        }
    }

    /// True when the rate rose at all before the warm-up's end.
    var rose: Bool { peak > first }
}
