/// The noise of a series of evaluations: the standard deviation of one evaluation about
/// the trend, from the median absolute second difference of the last ``capacity`` values.
///
/// A second difference `x[i+1] − 2x[i] + x[i−1]` cancels a straight trend and has, for
/// independent noise of deviation σ, deviation σ√6; its median absolute value is 0.6745 of
/// that for normal noise. The median leaves out the few differences a bend of the curve
/// makes (the fall early in training, the turn at a minimum).
struct EvalNoise {
    /// The values the noise is measured over.
    static let capacity = 32
    /// The fewest values that measure it: eight second differences.
    static let minimum = 10

    private var values: [Double] = []

    /// Takes the next evaluation.
    mutating func add(_ value: Double) {
        if values.count == Self.capacity { values.removeFirst() }
        values.append(value)
    }

    /// Replaces the last evaluation (one re-stamped at the same step).
    mutating func replaceLast(_ value: Double) {
        guard !values.isEmpty else { return }
        values[values.count - 1] = value
    }

    /// The standard deviation of one evaluation, once ``minimum`` values are held.
    var noise: Double? {
        guard values.count >= Self.minimum else { return nil }
        let bends = (1..<values.count - 1).map { bend(at: $0) }.sorted()
        let middle = bends.count / 2
        let median =
            bends.count % 2 == 1 ? bends[middle] : (bends[middle - 1] + bends[middle]) / 2
        return median / (0.6745 * 6.0.squareRoot())
    }

    /// The absolute second difference about `values[index]`.
    private func bend(at index: Int) -> Double {
        let outer = values[index + 1] + values[index - 1]
        return abs(outer - 2 * values[index])
    }
}
