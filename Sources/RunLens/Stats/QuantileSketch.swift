#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A mergeable quantile sketch with relative error, after DDSketch (Masson, Rim and Lee,
/// VLDB 2019).
///
/// A positive value `x` is counted in bucket `i = ceil(log(x) / log(γ))` with
/// `γ = (1 + α) / (1 − α)` and `α = 0.005`; bucket `i` covers `(γ^(i−1), γ^i]` and stands
/// for `γ^i · (1 − α)`, which is within `α` (0.5%) of every value in it. Negative values use
/// a second store indexed by magnitude, and zeros a plain counter. Non-finite values are
/// ignored. The exact minimum and maximum are kept too, so `quantile(0)` and `quantile(1)`
/// are exact and no estimate leaves `[min, max]`.
///
/// **Error bound.** A quantile follows the same linear-interpolation definition as
/// ``ExactQuantiles`` (rank `h = q·(n−1)`, interpolated between the observations of ranks
/// `⌊h⌋` and `⌊h⌋+1`), with each observation replaced by its bucket's value. When those two
/// observations have the same sign, the estimate is within relative error `α = 0.5%` of the
/// exact quantile (up to floating-point rounding), so reports may state "≤ 0.5%", well under
/// the 1% the specification allows.
///
/// **Bounded size.** Each store keeps at most ``maxBucketsPerStore`` (2048) buckets, which
/// span a ratio of `γ^2048 ≈ 7.8 × 10^8` between the smallest and largest magnitude of one
/// sign. When a store would grow wider, its lowest buckets (smallest magnitudes) are folded
/// into the lowest kept bucket. The consequence: magnitudes more than about 7.8 × 10^8 times
/// smaller than the largest one of the same sign lose the relative-error guarantee and are
/// reported too far from zero (still never below `min` or above `max`). Quantiles among the
/// larger magnitudes are unaffected. Memory is at most 2 × 2048 counts (32 KiB).
///
/// **Merging** is exact: merging two sketches gives, bucket for bucket, the sketch of the
/// union of their values, whatever the order of insertion and merging.
public struct QuantileSketch: Sendable, Equatable {
    /// The relative accuracy `α` of every sketch (0.005, that is 0.5%).
    public static let relativeAccuracy = 0.005

    /// The most buckets one store (positive or negative values) keeps.
    public static let maxBucketsPerStore = 2048

    /// `log(γ)` for `γ = (1 + α) / (1 − α)`.
    static let logGamma = log((1 + relativeAccuracy) / (1 - relativeAccuracy))

    static let inverseLogGamma = 1 / logGamma

    var positive = BucketStore()
    var negative = BucketStore()

    /// How many zero values (including `-0.0`) were added.
    public internal(set) var zeroCount = 0

    /// The smallest value added, or `nil` when the sketch is empty.
    public var min: Double? { count > 0 ? minimum : nil }

    /// The largest value added, or `nil` when the sketch is empty.
    public var max: Double? { count > 0 ? maximum : nil }

    var minimum = Double.infinity
    var maximum = -Double.infinity

    /// Creates an empty sketch.
    public init() {}

    /// How many finite values the sketch holds.
    public var count: Int {
        let (sum, overflow) = positive.total.addingReportingOverflow(negative.total)
        let (all, overflow2) = sum.addingReportingOverflow(zeroCount)
        return overflow || overflow2 ? Int.max : all
    }

    /// Whether the sketch holds no value.
    public var isEmpty: Bool { positive.isEmpty && negative.isEmpty && zeroCount == 0 }

    /// Adds one value; non-finite values are ignored. No allocation once the value range is
    /// established.
    public mutating func add(_ value: Double) {
        guard value.isFinite else { return }

        if value > 0 {
            positive.add(index: Self.index(of: value))
        } else if value < 0 {
            negative.add(index: Self.index(of: -value))
        } else {
            zeroCount += 1
        }

        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
    }

    /// Adds each of `values` as ``add(_:)`` would: the exact values of a window move here when
    /// it closes. Values whose bucket the sketch already holds are counted through one pointer
    /// per store; the rare others (a new bucket, zero, non-finite) one by one.
    public mutating func add(contentsOf values: [Double]) {
        values.withUnsafeBufferPointer { add(contentsOf: $0) }
    }

    /// Adds each of `values` as ``add(_:)`` would, as ``add(contentsOf:)-([Double])`` does.
    public mutating func add(contentsOf values: UnsafeBufferPointer<Double>) {
        var next = 0
        if storesAreEmpty, !values.isEmpty {
            next = Swift.min(values.count, Self.indexedAtOnce)
            add(contentsOfEmpty: UnsafeBufferPointer(rebasing: values[..<next]))
        }
        while next < values.count {
            var index: Int?
            next = addHeld(values, from: next, stoppedAt: &index)
            guard next < values.count else { return }

            if let index {
                add(values[next], index: index)
            } else {
                add(values[next])
            }
            next += 1
        }
    }

    /// Adds finite, non-zero `value`, whose bucket index is `index` (computed already).
    private mutating func add(_ value: Double, index: Int) {
        if value > 0 {
            positive.add(index: index)
        } else {
            negative.add(index: index)
        }
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
    }

    /// Adds values from `start` on while each is finite, normal (not zero, not subnormal)
    /// and in a bucket its store holds; returns the position of the first value not added,
    /// and sets `index` to its bucket index when the store lacked that bucket.
    private mutating func addHeld(
        _ values: UnsafeBufferPointer<Double>, from start: Int, stoppedAt index: inout Int?
    ) -> Int {
        let end = countHeld(values, from: start, stoppedAt: &index)
        Self.extremes(
            of: UnsafeBufferPointer(rebasing: values[start..<end]), minimum: &minimum,
            maximum: &maximum)
        return end
    }

    /// Lowers `minimum` and raises `maximum` to the extremes of `values`, all finite, as
    /// `value < minimum ? value : minimum` one value after the other. Out of line and apart
    /// from the counting: inlined in its loop, the pair took fourteen packed instructions a
    /// value instead of a `minsd` and a `maxsd`.
    @inline(never)
    private static func extremes(
        of values: UnsafeBufferPointer<Double>, minimum: inout Double, maximum: inout Double
    ) {
        var (lowest, highest) = (minimum, maximum)
        for value in values {
            lowest = value < lowest ? value : lowest
            highest = value > highest ? value : highest
        }
        (minimum, maximum) = (lowest, highest)
    }

    /// ``addHeld(_:from:stoppedAt:)`` without the extremes.
    ///
    /// Positive values first go through a shorter loop
    /// (``HeldBuckets/addPositives(_:from:indexer:)``: the table alone, no sign test, no
    /// saturation) while the positive store's total has room for every value, so that no
    /// count can saturate; the value it leaves, and every value after a negative one, take
    /// the full step.
    private mutating func countHeld(
        _ values: UnsafeBufferPointer<Double>, from start: Int, stoppedAt index: inout Int?
    ) -> Int {
        var positivesFirst = positive.total <= Int.max - values.count
        return BucketIndexer.with { indexer in
            positive.withHeldBuckets { positive in
                negative.withHeldBuckets { negative in
                    var position = start
                    while position < values.count {
                        if positivesFirst {
                            position = positive.addPositives(
                                values, from: position, indexer: indexer)
                            guard position < values.count else { break }
                        }
                        let value = values[position]
                        positivesFirst = positivesFirst && !(value < 0)
                        guard let bucket = indexer.index(ofBits: value.magnitude.bitPattern)
                        else { return position }

                        let held =
                            value > 0
                            ? positive.add(index: bucket) : negative.add(index: bucket)
                        guard held else {
                            index = bucket
                            return position
                        }
                        position += 1
                    }
                    return values.count
                }
            }
        }
    }

    /// Adds every value of `other`; afterwards `self` equals the sketch of both inputs.
    public mutating func merge(_ other: QuantileSketch) {
        positive.merge(other.positive)
        negative.merge(other.negative)
        let (zeros, overflow) = zeroCount.addingReportingOverflow(other.zeroCount)
        zeroCount = overflow ? Int.max : zeros
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
    }

    /// Gives back the room its stores hold beyond their buckets; the content is unchanged.
    mutating func fitCapacity() {
        positive.fitCapacity()
        negative.fitCapacity()
    }

    /// The estimated `q`-quantile (`q` in `[0, 1]`, clamped), or `nil` when the sketch is
    /// empty or `q` is NaN.
    public func quantile(_ q: Double) -> Double? {
        let n = count
        guard n > 0, !q.isNaN else { return nil }

        let rank = Swift.min(Swift.max(q, 0), 1) * Double(n - 1)
        let lower = rank.rounded(.down)
        let low = value(atRank: Int(lower), of: n)
        let fraction = rank - lower
        guard fraction > 0 else { return low }

        let high = value(atRank: Int(lower) + 1, of: n)
        return clamped(ExactQuantiles.interpolate(low, high, fraction))
    }

    /// The bucket value standing for the observation of 0-based `rank` in ascending order;
    /// the exact minimum and maximum at both ends.
    private func value(atRank rank: Int, of n: Int) -> Double {
        if rank <= 0 { return minimum }
        if rank >= n - 1 { return maximum }

        if rank < negative.total {
            return clamped(-Self.bucketValue(negative.indexDescending(rank: rank)))
        }

        let positiveRank = rank - negative.total - zeroCount
        if positiveRank < 0 { return 0 }
        return clamped(Self.bucketValue(positive.indexAscending(rank: positiveRank)))
    }

    private func clamped(_ estimate: Double) -> Double {
        Swift.min(Swift.max(estimate, minimum), maximum)
    }

    /// The bucket index of a positive finite magnitude: `⌈log(magnitude) / log(γ)⌉`, found
    /// by ``BucketIndexer``.
    @inline(__always)
    static func index(of magnitude: Double) -> Int {
        BucketIndexer.with { $0.index(of: magnitude) }
    }

    /// `Int(x.rounded(.up))` for `|x| < 2^53` without a call to `ceil`: truncation is exact
    /// there and moves a non-integer `x > 0` down by less than 1, so one step up gives the
    /// ceiling; a negative one it already moves up. An index's `x` is within ±75,000.
    @inline(__always)
    static func ceiling(_ x: Double) -> Int {
        let truncated = Int(x)
        return Double(truncated) < x ? truncated + 1 : truncated
    }

    /// The value bucket `index` stands for: `γ^index · (1 − α)`.
    static func bucketValue(_ index: Int) -> Double {
        exp(Double(index) * logGamma) * (1 - relativeAccuracy)
    }
}
