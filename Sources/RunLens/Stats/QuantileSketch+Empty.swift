/// Many values into a sketch whose stores are empty (a window spilling its exact values, a
/// sketch built from exact values): every bucket index first, then each store in one
/// allocation, instead of leaving the counting loop for each bucket not held yet.
extension QuantileSketch {
    /// The most values indexed at once into a buffer on the stack (4 KiB).
    static var indexedAtOnce: Int { 512 }

    /// Whether ``add(contentsOfEmpty:)`` may take values now.
    var storesAreEmpty: Bool { positive.isEmpty && negative.isEmpty }

    /// Adds each of `values` (at most ``indexedAtOnce``) as ``add(_:)`` would, while both
    /// stores are empty.
    mutating func add(contentsOfEmpty values: UnsafeBufferPointer<Double>) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: values.count) { indexes in
            var sides = StoreSides(capacity: values.count)
            var (minimum, maximum, zeros) = (minimum, maximum, 0)
            BucketIndexer.with { indexer in
                for value in values where value.isFinite {
                    minimum = value < minimum ? value : minimum
                    maximum = value > maximum ? value : maximum
                    if value > 0 {
                        sides.addPositive(indexer.index(of: value), to: indexes)
                    } else if value < 0 {
                        sides.addNegative(indexer.index(of: -value), to: indexes)
                    } else {
                        zeros &+= 1
                    }
                }
            }

            (self.minimum, self.maximum) = (minimum, maximum)
            zeroCount += zeros
            positive = sides.positiveStore(indexes)
            negative = sides.negativeStore(indexes)
        }
    }
}

/// The bucket indexes of both signs gathered in one buffer, positive ones from its start and
/// negative ones from its end, with the lowest and highest of each.
private struct StoreSides {
    private let capacity: Int
    private var positives = 0
    private var negatives = 0
    private var positiveRange = (low: Int.max, high: Int.min)
    private var negativeRange = (low: Int.max, high: Int.min)

    init(capacity: Int) {
        self.capacity = capacity
    }

    @inline(__always)
    mutating func addPositive(_ index: Int, to indexes: UnsafeMutableBufferPointer<Int>) {
        indexes[positives] = index
        positives &+= 1
        positiveRange = (Swift.min(positiveRange.low, index), Swift.max(positiveRange.high, index))
    }

    @inline(__always)
    mutating func addNegative(_ index: Int, to indexes: UnsafeMutableBufferPointer<Int>) {
        negatives &+= 1
        indexes[capacity &- negatives] = index
        negativeRange = (Swift.min(negativeRange.low, index), Swift.max(negativeRange.high, index))
    }

    func positiveStore(_ indexes: UnsafeMutableBufferPointer<Int>) -> BucketStore {
        BucketStore(
            counting: UnsafeBufferPointer(rebasing: indexes[..<positives]),
            lowest: positiveRange.low, highest: positiveRange.high)
    }

    func negativeStore(_ indexes: UnsafeMutableBufferPointer<Int>) -> BucketStore {
        BucketStore(
            counting: UnsafeBufferPointer(rebasing: indexes[(capacity - negatives)...]),
            lowest: negativeRange.low, highest: negativeRange.high)
    }
}
