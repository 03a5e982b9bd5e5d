import Foundation
import Testing

@testable import RunLens

/// The sketch's bucket index, found mostly without `log`, against the formula it replaces
/// written out here: `⌈log(x) · (1 / log(γ))⌉` with `log` and `rounded(.up)`.
struct BucketIndexerTests {
    static let logGamma = log((1 + 0.005) / (1 - 0.005))
    static let inverse = 1 / logGamma

    static func reference(_ magnitude: Double) -> Int {
        Int((log(magnitude) * inverse).rounded(.up))
    }

    static func index(_ magnitude: Double) -> Int {
        BucketIndexer.with { $0.index(of: magnitude) }
    }

    /// The values whose reference index differs from the indexer's, at most `limit` of them.
    static func mismatches(_ values: [Double], limit: Int = 10) -> [Double] {
        var found: [Double] = []
        BucketIndexer.with { indexer in
            for value in values where indexer.index(of: value) != reference(value) {
                found.append(value)
                if found.count == limit { break }
            }
        }
        return found
    }

    /// The smallest positive double whose reference index is at least `index`, found by
    /// bisection over bit patterns near `γ^(index − 1)`, where bucket `index − 1` ends; `nil`
    /// when that lies outside the doubles.
    static func threshold(of index: Int) -> UInt64? {
        let guess = exp(Double(index - 1) * logGamma).bitPattern
        let highest = Double.greatestFiniteMagnitude.bitPattern
        var low = guess > 4097 ? guess - 4096 : 1
        var high = Swift.min(guess + 4096, highest)
        guard reference(Double(bitPattern: low)) < index else { return nil }
        guard reference(Double(bitPattern: high)) >= index else { return nil }

        while high - low > 1 {
            let middle = low + (high - low) / 2
            if reference(Double(bitPattern: middle)) >= index {
                high = middle
            } else {
                low = middle
            }
        }
        return high
    }

    @Test func inverseIsTheSketchs() {
        #expect(QuantileSketch.inverseLogGamma == Self.inverse)
    }

    // Every bucket of the doubles' range, subnormal to huge: the first double of each bucket
    // and the three doubles on either side of it.
    @Test func everyBucketBoundaryAndItsNeighbours() {
        let lowest = Self.reference(.leastNonzeroMagnitude)
        let highest = Self.reference(.greatestFiniteMagnitude)
        #expect(lowest < -74_000 && highest > 70_000)

        var values: [Double] = []
        var found = 0
        for index in lowest...highest {
            guard let bits = Self.threshold(of: index) else { continue }
            found += 1
            for step in -3...3 where bits >= 4 {
                let neighbour = Double(bitPattern: UInt64(Int64(bits) + Int64(step)))
                if neighbour.isFinite { values.append(neighbour) }
            }
        }
        #expect(found >= highest - lowest - 10)
        #expect(Self.mismatches(values).isEmpty)
    }

    @Test func exactBoundaryDoublesStartTheirBucket() throws {
        for index in [-70_000, -1_000, -1, 1, 2, 69, 70, 1_000, 70_000] {
            let bits = try #require(Self.threshold(of: index))
            #expect(Self.index(Double(bitPattern: bits)) == index)
            #expect(Self.index(Double(bitPattern: bits).nextDown) == index - 1)
            #expect(Self.index(Double(bitPattern: bits).nextUp) == index)
        }
    }

    @Test func specialMagnitudes() {
        var values: [Double] = [
            1, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
            Double.leastNormalMagnitude.nextDown, Double.leastNormalMagnitude.nextUp,
            Double.greatestFiniteMagnitude.nextDown, Double(1).nextUp, Double(1).nextDown,
        ]
        for exponent in -1074...1023 {
            let power = Double(sign: .plus, exponent: exponent, significand: 1)
            values += [power, power.nextUp, power.nextDown]
        }
        values = values.filter { $0 > 0 && $0.isFinite }
        #expect(Self.mismatches(values).isEmpty)
        #expect(Self.index(1) == 0)
    }

    @Test func randomDoublesOfEveryExponent() {
        var generator = StatsTestData.Generator(state: 8)
        let highest = Double.greatestFiniteMagnitude.bitPattern
        let values = (0..<1_000_000).map { _ in
            Double(bitPattern: UInt64.random(in: 1...highest, using: &generator))
        }
        #expect(Self.mismatches(values).isEmpty)
    }

    @Test func randomSubnormalsAndTypicalMetrics() {
        var generator = StatsTestData.Generator(state: 9)
        let subnormalBits = Double.leastNormalMagnitude.nextDown.bitPattern
        var values = (0..<100_000).map { _ in
            Double(bitPattern: UInt64.random(in: 1...subnormalBits, using: &generator))
        }
        values += (0..<500_000).map { _ in exp(Double.random(in: -12...12, using: &generator)) }
        values += (0..<100_000).map { _ in Double(Int.random(in: 1...100_000, using: &generator)) }
        values += (0..<100_000).map { _ in
            Double(Int.random(in: 1...9_999, using: &generator)) / 1e4
        }
        #expect(Self.mismatches(values).isEmpty)
    }

    // The sketch's stores against stores counted from the reference index, for negative,
    // positive and zero values added one at a time and in a batch.
    @Test func sketchStoresMatchReferenceBuckets() {
        var generator = StatsTestData.Generator(state: 10)
        let values = (0..<50_000).map { item -> Double in
            let magnitude = exp(Double.random(in: -8...8, using: &generator))
            return item % 7 == 0 ? 0 : item % 3 == 0 ? -magnitude : magnitude
        }
        var positive = BucketStore()
        var negative = BucketStore()
        for value in values where value != 0 {
            if value > 0 {
                positive.add(index: Self.reference(value))
            } else {
                negative.add(index: Self.reference(-value))
            }
        }

        var batched = QuantileSketch()
        batched.add(contentsOf: values)
        var single = QuantileSketch()
        for value in values { single.add(value) }
        for sketch in [batched, single] {
            #expect(sketch.positive == positive)
            #expect(sketch.negative == negative)
            #expect(sketch.zeroCount == values.count(where: { $0 == 0 }))
        }
    }
}
