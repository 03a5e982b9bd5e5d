/// The values of one metric in one window: kept exactly up to `capacity`, then as a
/// uniform random sample of that size (Vitter's algorithm R), so memory stays bounded.
///
/// Count, sum, minimum and maximum are always exact; quantiles are exact while
/// `isExact`.
// TODO(#5): past the cap, quantiles come from a uniform sample with no stated error bound;
// switch to the mergeable `QuantileSketch` (≤ 1% relative error) once it lands in Stats.
struct ValueReservoir {
    private(set) var values: [Double] = []
    private(set) var count = 0
    private(set) var sum = 0.0
    private(set) var min = Double.infinity
    private(set) var max = -Double.infinity
    private let capacity: Int
    private var random: SeededRandom

    init(capacity: Int, seed: UInt64 = 0x5EED) {
        self.capacity = Swift.max(1, capacity)
        random = SeededRandom(seed: seed)
    }

    /// True while every value is kept.
    var isExact: Bool { count <= capacity }

    /// Adds a finite value; others are ignored.
    mutating func add(_ value: Double) {
        guard value.isFinite else { return }
        count += 1
        sum += value
        min = Swift.min(min, value)
        max = Swift.max(max, value)

        if values.count < capacity {
            values.append(value)
            return
        }
        let slot = Int(random.next() % UInt64(count))
        if slot < capacity { values[slot] = value }
    }

    /// Count, mean, extremes and quantiles (linear interpolation between closest ranks,
    /// NumPy's default); `nil` when no value was added.
    func distribution() -> Distribution? {
        guard count > 0 else { return nil }
        let sorted = values.sorted()
        return Distribution(
            count: count, mean: sum / Double(count), min: min,
            p50: Self.quantile(sorted, 0.50), p95: Self.quantile(sorted, 0.95),
            p99: Self.quantile(sorted, 0.99), max: max, exact: isExact)
    }

    /// The `q` quantile of ascending `sorted` values by linear interpolation.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard let first = sorted.first else { return .nan }
        let rank = q * Double(sorted.count - 1)
        let lower = Int(rank.rounded(.down))
        guard lower + 1 < sorted.count else { return sorted.last ?? first }
        let fraction = rank - Double(lower)
        return sorted[lower] + (sorted[lower + 1] - sorted[lower]) * fraction
    }
}
