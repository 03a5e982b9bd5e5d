/// One value of a series with its position (a step, or epoch seconds).
public struct Observation: Sendable, Equatable {
    /// The step or time (epoch seconds) the value was logged at.
    public var position: Double

    /// The value, possibly NaN or infinite.
    public var value: Double

    /// Creates an observation.
    public init(position: Double, value: Double) {
        self.position = position
        self.value = value
    }
}

/// Count, mean, standard deviation, extremes, sum, first and last of a series; mergeable.
///
/// Mean and variance use Welford's one-pass update; ``merge(_:)`` combines two summaries with
/// the pairwise formula of Chan, Golub and LeVeque, so summarising parts and merging them
/// matches summarising the whole up to rounding. Only finite values enter the count, mean,
/// variance, extremes and sum; NaN, `+∞` and `−∞` are counted apart. First and last look at
/// every value, finite or not: a run whose last loss is NaN reports NaN. O(1) memory.
public struct SummaryStats: Sendable, Equatable {
    /// How many finite values were added.
    public internal(set) var count = 0

    /// How many NaN values were added.
    public internal(set) var nanCount = 0

    /// How many `+∞` values were added.
    public internal(set) var positiveInfinityCount = 0

    /// How many `−∞` values were added.
    public internal(set) var negativeInfinityCount = 0

    /// The sum of the finite values (0 when there is none).
    public internal(set) var sum = 0.0

    /// The value at the lowest position (the earliest added among equal positions).
    public internal(set) var first: Observation?

    /// The value at the highest position (the latest added among equal positions).
    public internal(set) var last: Observation?

    var runningMean = 0.0
    var m2 = 0.0
    var minimum = Double.infinity
    var maximum = -Double.infinity

    /// Creates an empty summary.
    public init() {}

    /// How many NaN and infinite values were added.
    public var nonfinite: Int { nanCount + positiveInfinityCount + negativeInfinityCount }

    /// The mean of the finite values, or `nil` when there is none.
    public var mean: Double? { count > 0 ? runningMean : nil }

    /// The sample variance (divisor n − 1) of the finite values: 0 for one value, `nil` for
    /// none.
    public var variance: Double? {
        switch count {
        case 0: nil
        case 1: 0
        default: Swift.max(0, m2 / Double(count - 1))
        }
    }

    /// The sample standard deviation (divisor n − 1, as NumPy's `std(ddof=1)` and pandas'
    /// default) of the finite values: 0 for one value, `nil` for none.
    public var std: Double? { variance.map { $0.squareRoot() } }

    /// The smallest finite value, or `nil` when there is none.
    public var min: Double? { count > 0 ? minimum : nil }

    /// The largest finite value, or `nil` when there is none.
    public var max: Double? { count > 0 ? maximum : nil }

    /// Adds one value logged at `position`.
    @inline(__always)
    public mutating func add(position: Double, value: Double) {
        if first.map({ position < $0.position }) ?? true {
            first = Observation(position: position, value: value)
        }
        if last.map({ position >= $0.position }) ?? true {
            last = Observation(position: position, value: value)
        }

        guard value.isFinite else {
            countNonfinite(value)
            return
        }

        Self.accumulate(
            value, count: &count, mean: &runningMean, m2: &m2, sum: &sum, minimum: &minimum,
            maximum: &maximum)
    }

    /// Welford's step for one finite value.
    @inline(__always)
    static func accumulate(
        _ value: Double, count: inout Int, mean: inout Double, m2: inout Double,
        sum: inout Double, minimum: inout Double, maximum: inout Double
    ) {
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        m2 += delta * (value - mean)
        sum += value
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
    }

    /// Adds the values summarised by `other`, as if they had been added after `self`'s.
    ///
    /// First keeps the lower position (`self`'s on a tie) and last the higher (`other`'s on
    /// a tie), so merging summaries in order keeps the earliest first and the latest last.
    public mutating func merge(_ other: SummaryStats) {
        if let otherFirst = other.first, first.map({ otherFirst.position < $0.position }) ?? true {
            first = otherFirst
        }
        if let otherLast = other.last, last.map({ otherLast.position >= $0.position }) ?? true {
            last = otherLast
        }
        nanCount += other.nanCount
        positiveInfinityCount += other.positiveInfinityCount
        negativeInfinityCount += other.negativeInfinityCount
        guard other.count > 0 else { return }

        let total = count + other.count
        let delta = other.runningMean - runningMean
        let otherShare = Double(other.count) / Double(total)
        runningMean += delta * otherShare
        m2 += other.m2 + delta * delta * Double(count) * otherShare
        count = total
        sum += other.sum
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
    }

    private mutating func countNonfinite(_ value: Double) {
        if value.isNaN {
            nanCount += 1
        } else if value > 0 {
            positiveInfinityCount += 1
        } else {
            negativeInfinityCount += 1
        }
    }
}
