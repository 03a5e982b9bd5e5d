import Foundation
import Testing

@testable import RunLens

/// The sketch's bucket index, found mostly by a table on the top bits of a double, against
/// the formula it replaces written out here: `⌈log(x) · (1 / log(γ))⌉` with `log` and
/// `rounded(.up)`.
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

    /// The doubles `offset` bit patterns from `bits`, when positive and finite.
    static func shifted(_ bits: UInt64, by offset: Int64) -> Double? {
        let moved = Int64(bits) + offset
        guard moved > 0 else { return nil }
        let value = Double(bitPattern: UInt64(moved))
        return value.isFinite ? value : nil
    }

    /// Offsets from a bucket's first double that the table must get right: next to it, next
    /// to where `log` stops deciding (2^30 doubles away), and further out.
    static let offsets: [Int64] = {
        let band: Int64 = 1 << 30
        let near: [Int64] = [0, 1, 2, 3, band / 2, band - 1, band, band + 1, band + 2]
        let far: [Int64] = [band * 2, band * 64, band * 1024]
        return (near + far).flatMap { [$0, -$0] }
    }()

    // The table covers 2^-64 up to 2^64; around every bucket boundary there, its first
    // double and the doubles at each offset from it.
    @Test func tableBoundariesAndTheirBands() {
        let lowest = Self.reference(0x1p-64) - 1
        let highest = Self.reference(0x1p64) + 1
        var values: [Double] = []
        for index in lowest...highest {
            guard let bits = Self.threshold(of: index) else { continue }
            values += Self.offsets.compactMap { Self.shifted(bits, by: $0) }
        }
        #expect(values.count > 8_000 * Self.offsets.count)
        #expect(Self.mismatches(values).isEmpty)
    }

    // Every cell of the table (2^45 doubles: an exponent and the mantissa's top 7 bits),
    // its first and last doubles and their neighbours, in and just outside the table.
    @Test func everyTableCellEdge() {
        var values: [Double] = []
        for cell in UInt64((1023 - 66) << 7)...UInt64((1023 + 66) << 7) {
            let first = cell << 45
            for offset: Int64 in [-2, -1, 0, 1, 2, (1 << 44), (1 << 45) - 1] {
                if let value = Self.shifted(first, by: offset) { values.append(value) }
            }
        }
        #expect(Self.mismatches(values).isEmpty)
    }

    @Test func randomDoublesInTheTable() {
        var generator = StatsTestData.Generator(state: 11)
        let low = Double(0x1p-66).bitPattern
        let high = Double(0x1p66).bitPattern
        var values = (0..<1_000_000).map { _ in
            Double(bitPattern: UInt64.random(in: low...high, using: &generator))
        }
        // Near random boundaries, within a few bands of them.
        for _ in 0..<2_000 {
            let index = Int.random(in: -4_400...4_400, using: &generator)
            guard let bits = Self.threshold(of: index) else { continue }
            for _ in 0..<100 {
                let offset = Int64.random(in: -(1 << 32)...(1 << 32), using: &generator)
                if let value = Self.shifted(bits, by: offset) { values.append(value) }
            }
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

/// The table alone (``BucketIndexer/tableIndex(ofBits:)``), which the sketch's loop over
/// positive values takes, and that loop against the formula.
struct BucketTableIndexTests {
    static func tableIndex(_ value: Double) -> Int? {
        BucketIndexer.with { $0.tableIndex(ofBits: value.bitPattern) }
    }

    // Around every bucket boundary in the table: `nil` within 2^30 doubles of the first
    // double of a bucket (where `log` decides), the formula's index further away.
    @Test func theTableAnswersAwayFromCrossingsAndDeclinesNearThem() {
        let lowest = BucketIndexerTests.reference(0x1p-63)
        let highest = BucketIndexerTests.reference(0x1p63)
        var answered = 0
        for index in stride(from: lowest, through: highest, by: 7) {
            guard let bits = BucketIndexerTests.threshold(of: index) else { continue }
            for offset in BucketIndexerTests.offsets {
                guard let value = BucketIndexerTests.shifted(bits, by: offset) else { continue }
                // The table's crossing is within a thousand doubles of the bucket's first.
                let found = Self.tableIndex(value)
                if abs(offset) <= (1 << 29) {
                    #expect(found == nil, "\(value)")
                } else if abs(offset) >= (1 << 31) {
                    #expect(found == BucketIndexerTests.reference(value), "\(value)")
                    answered += 1
                } else {
                    #expect(found == nil || found == BucketIndexerTests.reference(value))
                }
            }
        }
        #expect(answered > 1_000)
    }

    @Test func theTableDeclinesWhatItDoesNotHold() {
        let outside: [Double] = [
            0, -0.0, -1.5, -0x1p-30, .infinity, -.infinity, .nan, 5e-324, 0x1p-1022, 0x1p-65,
            0x1p64, 1e300,
        ]
        for value in outside { #expect(Self.tableIndex(value) == nil, "\(value)") }
        // 1.5 and 3 lie far from a crossing (buckets 41 and 110 end at 1.5068 and 3.0042).
        #expect(Self.tableIndex(1.5) == 41)
        #expect(Self.tableIndex(3) == 110)
    }

    // Positive runs broken by values near a crossing, new buckets, a negative stretch and
    // zeros, added in one call to a sketch already holding buckets.
    @Test func positiveRunsCountAsTheFormulaSays() {
        var values: [Double] = []
        for item in 0..<6_000 {
            let magnitude = 1 + Double(item % 400) / 100
            values.append(item % 500 < 40 ? -magnitude : item % 701 == 0 ? 0 : magnitude)
        }
        for index in 40...60 {
            if let bits = BucketIndexerTests.threshold(of: index) {
                values.append(Double(bitPattern: bits))
                values.append(Double(bitPattern: bits - 1))
            }
        }
        values += [1e6, 2.5, 2.5, -1e-6, 3.5]

        var sketch = QuantileSketch()
        sketch.add(contentsOf: [1.1, 2.2, -1.1])
        sketch.add(contentsOf: values)
        var positive = BucketStore()
        var negative = BucketStore()
        for value in [1.1, 2.2, -1.1] + values where value != 0 {
            if value > 0 {
                positive.add(index: BucketIndexerTests.reference(value))
            } else {
                negative.add(index: BucketIndexerTests.reference(-value))
            }
        }
        #expect(sketch.positive == positive)
        #expect(sketch.negative == negative)
        #expect(sketch.zeroCount == values.count(where: { $0 == 0 }))
        #expect(sketch.min == ([-1.1] + values).min())
        #expect(sketch.max == 1e6)
    }

    // A bucket 2 short of `Int.max` takes 5 more values and stops there, as counts saturate:
    // the loop without saturation is not taken then.
    @Test func countsNearTheLimitStillSaturate() {
        var sketch = QuantileSketch()
        sketch.positive.add(index: 41, count: Int.max - 2)
        sketch.add(contentsOf: [1.5, 1.5, 1.5, 1.5, 1.5])
        #expect(sketch.positive.counts == [Int.max])
        #expect(sketch.positive.total == Int.max)
    }
}
