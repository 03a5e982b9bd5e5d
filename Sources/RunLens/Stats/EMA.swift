/// An exponential moving average with the bias correction of TensorBoard's scalar charts.
///
/// With smoothing weight `w` (TensorBoard's slider, default 0.6) and `n` the number of finite
/// values seen so far, each finite value `x` updates
///
///     last     = last · w + (1 − w) · x        (last starts at 0)
///     smoothed = last / (1 − w^n)
///
/// Dividing by `1 − w^n` removes the pull towards the starting 0, so the first smoothed value
/// is the first value itself. NaN and infinite values are skipped, as TensorBoard skips them
/// in the average, and leave the smoothed value unchanged. With `w = 1` the divisor is taken
/// as 1 (TensorBoard's rule), so the average stays 0. O(1) memory and time per value.
public struct EMA: Sendable, Equatable {
    /// TensorBoard's default smoothing weight.
    public static let defaultWeight = 0.6

    /// The smoothing weight `w` in `[0, 1]`: 0 follows the values, near 1 smooths heavily.
    public let weight: Double

    private var last = 0.0
    private var weightPower = 1.0
    private var finiteCount = 0

    /// Creates an average with TensorBoard's default weight, 0.6.
    public init() {
        weight = Self.defaultWeight
    }

    /// Creates an average with smoothing weight `weight`, or `nil` unless it is in `[0, 1]`.
    public init?(weight: Double) {
        guard (0...1).contains(weight) else { return nil }
        self.weight = weight
    }

    /// How many finite values entered the average.
    public var count: Int { finiteCount }

    /// The bias-corrected average, or `nil` before the first finite value.
    public var value: Double? {
        guard finiteCount > 0 else { return nil }
        guard weight < 1 else { return last }
        return last / (1 - weightPower)
    }

    /// Adds one value; NaN and infinite values are skipped.
    public mutating func add(_ value: Double) {
        guard value.isFinite else { return }

        last = last * weight + (1 - weight) * value
        weightPower *= weight
        finiteCount += 1
    }

    /// Adds each of `values` in order, as ``add(_:)`` would one by one; every value must be
    /// finite.
    mutating func add(finiteValues values: UnsafeBufferPointer<Double>) {
        var last = last
        var weightPower = weightPower
        for value in values {
            last = last * weight + (1 - weight) * value
            weightPower *= weight
        }
        self.last = last
        self.weightPower = weightPower
        finiteCount += values.count
    }
}
