import Foundation
import Testing

@testable import RunLens

struct QuantileSketchTests {
    static func sketch(of values: [Double]) -> QuantileSketch {
        var sketch = QuantileSketch()
        for value in values { sketch.add(value) }
        return sketch
    }

    static func relativeError(_ estimate: Double, _ exact: Double) -> Double {
        abs(estimate - exact) / abs(exact)
    }

    // The exact reference sorts all 100,000 values and interpolates: an independent method.
    @Test(arguments: [0.5, 0.95, 0.99, 0.01, 0.25, 0.75, 0.999])
    func lognormalQuantilesWithinHalfAPercent(q: Double) throws {
        let values = StatsTestData.lognormal(count: 100_000, seed: 42)
        let sketch = Self.sketch(of: values)

        let estimate = try #require(sketch.quantile(q))
        let exact = StatsTestData.referenceQuantile(values, q)

        #expect(sketch.count == 100_000)
        #expect(Self.relativeError(estimate, exact) <= 0.005)
    }

    // Every magnitude from 1e-300 to 1e300 (ratio 1.37 apart) lands in a bucket whose value
    // is within α = 0.5% of it.
    @Test func everyBucketValueIsWithinRelativeAccuracy() {
        var magnitude = 1e-300
        var worst = 0.0
        while magnitude < 1e300 {
            let bucket = QuantileSketch.bucketValue(QuantileSketch.index(of: magnitude))
            worst = max(worst, Self.relativeError(bucket, magnitude))
            magnitude *= 1.37
        }

        #expect(worst <= 0.005 * (1 + 1e-9))
        #expect(abs(QuantileSketch.logGamma - log(1.005 / 0.995)) < 1e-15)
    }

    // Sorted: −5, −1, 0, 0, 2, 10 (NumPy linear): q 0 → −5, 0.1 → −3 (h = 0.5,
    // between −5 and −1), 0.2 → −1, 0.5 → 0, 0.8 → 2, 0.9 → 6 (h = 4.5, between 2
    // and 10), 1 → 10.
    // −1 sits exactly on a bucket edge (γ^0), where the error is α itself, so the bound gets
    // a hair of room for rounding.
    @Test(arguments: [(0.0, -5.0), (0.1, -3), (0.2, -1), (0.5, 0), (0.8, 2), (0.9, 6), (1, 10)])
    func negativeZeroAndPositiveValues(q: Double, expected: Double) throws {
        let sketch = Self.sketch(of: [2, -1, 0, 10, -5, 0])

        let estimate = try #require(sketch.quantile(q))

        #expect(abs(estimate - expected) <= 0.005 * (1 + 1e-9) * abs(expected))
        #expect(sketch.zeroCount == 2)
    }

    @Test func extremesAreExact() {
        let sketch = Self.sketch(of: [0.12, 3.3, 253, 17])

        #expect(sketch.quantile(0) == 0.12)
        #expect(sketch.quantile(1) == 253)
        #expect(sketch.min == 0.12)
        #expect(sketch.max == 253)
    }

    @Test func nonFiniteValuesAreIgnored() {
        let sketch = Self.sketch(of: [.nan, .infinity, -.infinity])

        #expect(sketch.isEmpty)
        #expect(sketch.count == 0)
        #expect(sketch.quantile(0.5) == nil)
        #expect(sketch.min == nil)
    }

    @Test func mergeEqualsSketchOfUnionBucketForBucket() {
        let values = StatsTestData.lognormal(count: 20_000, seed: 3).enumerated().map {
            $0.offset % 7 == 0 ? -$0.element : $0.offset % 11 == 0 ? 0 : $0.element
        }
        var left = Self.sketch(of: Array(values[..<8_000]))
        let right = Self.sketch(of: Array(values[8_000...]))

        left.merge(right)

        #expect(left == Self.sketch(of: values))
        #expect(left.count == 20_000)
    }

    // Magnitudes 1e-12…1e12 span a ratio of 1e24, beyond the γ^2048 ≈ 7.8e8 one store keeps,
    // so the lowest buckets collapse; merging in either order must still equal the union.
    @Test func mergeEqualsUnionWhenBucketsCollapse() {
        let values = (0..<4_000).map { pow(10, -12 + 24 * Double(($0 * 7_919) % 4_000) / 4_000) }
        let low = Self.sketch(of: values.filter { $0 < 1 })
        let high = Self.sketch(of: values.filter { $0 >= 1 })
        let union = Self.sketch(of: values)

        var lowFirst = low
        lowFirst.merge(high)
        var highFirst = high
        highFirst.merge(low)

        #expect(lowFirst == union)
        #expect(highFirst == union)
        #expect(union.positive.counts.count == QuantileSketch.maxBucketsPerStore)
    }

    // Merging grows, shifts or folds the receiving store in place: one range far below the
    // other (all of it folds into the lowest kept bucket), overlapping, disjoint but within
    // reach, and the receiver above the other.
    @Test(arguments: [
        (1e-9, 1e-8, 1e5, 1e6), (1e-3, 1e3, 1e2, 1e7), (1, 2, 1e3, 1e4), (1e3, 1e4, 1e-7, 1e-6),
    ])
    func mergeEqualsUnionWhereverTheRangesLie(
        low1: Double, high1: Double, low2: Double, high2: Double
    ) {
        func spread(_ low: Double, _ high: Double) -> [Double] {
            (0..<500).map { low * pow(high / low, Double(($0 * 337) % 500) / 499) }
        }
        let first = spread(low1, high1)
        let second = spread(low2, high2)
        let union = Self.sketch(of: first + second)

        var forward = Self.sketch(of: first)
        forward.merge(Self.sketch(of: second))
        var backward = Self.sketch(of: second)
        backward.merge(Self.sketch(of: first))

        #expect(forward == union)
        #expect(backward == union)
    }

    // 1,000 values of 1e-6 and 1,000 of 1e6. 1e6 is in bucket ⌈ln(1e6) / ln γ⌉ = 1382, so the
    // lowest kept bucket is 1382 − 2047 = −665, standing for γ^−665 · 0.995 ≈ 0.0012875:
    // the small values are reported there (too high), while the maximum stays exact.
    @Test func collapsedLowValuesAreReportedAtTheLowestKeptBucket() throws {
        let small = Array(repeating: 1e-6, count: 1_000)
        let large = Array(repeating: 1e6, count: 1_000)
        let sketch = Self.sketch(of: small + large)

        let collapsed = try #require(sketch.quantile(0.25))

        #expect(abs(collapsed - 0.0012874806) < 1e-9)
        #expect(sketch.quantile(0) == 1e-6)
        #expect(Self.relativeError(try #require(sketch.quantile(0.75)), 1e6) <= 0.005)
    }

    @Test func codableRoundTripEqualsOriginal() throws {
        let sketch = Self.sketch(of: [-3, 0, 0.5, 0.5, 12, 4e5])

        let data = try JSONEncoder().encode(sketch)
        let decoded = try JSONDecoder().decode(QuantileSketch.self, from: data)

        #expect(decoded == sketch)
    }

    @Test func emptySketchRoundTrips() throws {
        let data = try JSONEncoder().encode(QuantileSketch())

        #expect(try JSONDecoder().decode(QuantileSketch.self, from: data) == QuantileSketch())
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        let name: String
        let json: String
        var testDescription: String { name }
    }

    static func json(
        accuracy: String = "0.005", min: String? = "1", max: String = "2", zeros: String = "0",
        offset: String = "0", counts: String = "[1,1]"
    ) -> String {
        let minimum = min.map { #""min":\#($0),"# } ?? ""
        return #"{"relativeAccuracy":\#(accuracy),\#(minimum)"max":\#(max),"#
            + #""zeroCount":\#(zeros),"positive":{"offset":\#(offset),"counts":\#(counts)},"#
            + #""negative":{"offset":0,"counts":[]}}"#
    }

    static func ones(_ count: Int) -> String {
        "[" + Array(repeating: "1", count: count).joined(separator: ",") + "]"
    }

    @Test(arguments: [
        BadInput(name: "other accuracy", json: json(accuracy: "0.01")),
        BadInput(name: "negative count", json: json(counts: "[1,-1,1]")),
        BadInput(name: "zero at an end", json: json(counts: "[1,0]")),
        BadInput(name: "too many buckets", json: json(counts: ones(2_049))),
        BadInput(name: "offset out of range", json: json(offset: "9223372036854775000")),
        BadInput(name: "too many values", json: json(counts: "[9007199254740993]")),
        BadInput(name: "negative zero count", json: json(zeros: "-1")),
        BadInput(name: "maximum below zero for positive buckets", json: json(min: "-2", max: "-1")),
        BadInput(name: "minimum above maximum", json: json(min: "3", max: "2")),
        BadInput(name: "missing minimum", json: json(min: nil)),
    ])
    func decodingRefusesBrokenSketches(_ input: BadInput) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(QuantileSketch.self, from: Data(input.json.utf8))
        }
    }

    @Test func decodedSketchMergesWithALiveOne() throws {
        let first = Self.sketch(of: [1, 2, 3])
        let second = Self.sketch(of: [4, 5, 6, 7])
        var merged = try JSONDecoder().decode(
            QuantileSketch.self, from: JSONEncoder().encode(first))

        merged.merge(second)

        #expect(merged == Self.sketch(of: [1, 2, 3, 4, 5, 6, 7]))
        // 1…7: h = 0.5 · 6 = 3 → 4, within 0.5%.
        #expect(Self.relativeError(try #require(merged.quantile(0.5)), 4) <= 0.005)
    }

    // Case 14: 190 latencies. The sketch must land within 1% of each expected range (the
    // tolerance the case allows), and never outside [min, max].
    @Test func submillisecondLatencyCase() throws {
        let values = try StatsTestData.case14Latencies()
        let sketch = Self.sketch(of: values)

        let p50 = try #require(sketch.quantile(0.5))
        let p95 = try #require(sketch.quantile(0.95))
        let p99 = try #require(sketch.quantile(0.99))

        #expect(values.count == 190)
        #expect((0.2993 * 0.99...0.3003 * 1.01).contains(p50))
        #expect((3.5555 * 0.99...3.56 * 1.01).contains(p95))
        #expect((251.0 * 0.99...252.0 * 1.01).contains(p99))
        #expect(p99 <= 253 && p50 >= 0.12)
    }
}

/// The sketch's fast paths against the plain ones.
struct QuantileSketchFastPathTests {
    // Bucket edges γ^i and their neighbours, where a different rounding would move a value
    // to the next bucket, and a wide spread of magnitudes.
    @Test func indexIsTheCeilingOfTheScaledLogarithm() {
        var magnitudes: [Double] = [1, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        for i in -1_000...1_000 {
            let edge = exp(Double(i) * QuantileSketch.logGamma)
            magnitudes += [edge, edge.nextUp, edge.nextDown]
        }
        magnitudes += StatsTestData.lognormal(count: 10_000, seed: 5).map { pow($0, 40) }

        for magnitude in magnitudes {
            let expected = Int((log(magnitude) * QuantileSketch.inverseLogGamma).rounded(.up))
            #expect(QuantileSketch.index(of: magnitude) == expected, "\(magnitude)")
        }
    }

    // Values that grow both stores' ranges, collapse their lowest buckets, and are skipped.
    @Test func addingManyEqualsAddingOneByOne() {
        var values = StatsTestData.lognormal(count: 20_000, seed: 6).map { pow($0, 30) }
        for index in stride(from: 0, to: values.count, by: 7) { values[index].negate() }
        values += [0, -0.0, .nan, .infinity, -.infinity, 1e-300, 1e300, -1e-300]
        values += StatsTestData.lognormal(count: 500, seed: 7)

        var many = QuantileSketch()
        many.add(contentsOf: values)
        var single = QuantileSketch()
        for value in values { single.add(value) }

        #expect(many == single)
        #expect(many.count == values.count - 3)
    }

    // An empty sketch takes up to 512 values in one pass; these cover both signs, zeros,
    // skipped and subnormal values, a range wider than a store keeps, and both sides of 512.
    static let emptySketchCases: [(String, [Double])] = {
        let share: [Double] = (1...16).map { 0.9 + Double($0) * 0.013 }
        let mixed: [Double] = (0..<512).map { index in
            let magnitude = pow(1.01, Double(index % 97))
            return index % 5 == 0 ? -magnitude : magnitude
        }
        let wide: [Double] = (0..<513).map { pow(1.3, Double($0 % 211) - 100) }
        let subnormal: [Double] = [Double.leastNonzeroMagnitude, -5e-320, 2.5e-310, 1]
        let skipped: [Double] = [0, -0.0, .nan, .infinity, -.infinity, 0]
        let decades: [Double] = [1e-300, 1e-200, 1, 1e200, 1e300, -1e-300, -1e300, 1e-300]
        return [
            ("a window's share", share), ("one value", [42]),
            ("negative only", [-3.5, -0.25, -7, -7, -1e-5]), ("zeros and skipped", skipped),
            ("subnormal", subnormal), ("wider than a store", decades),
            ("512 values", mixed), ("513 values", wide),
        ]
    }()

    @Test(arguments: emptySketchCases)
    func emptySketchTakesManyAsOneByOne(name: String, values: [Double]) {
        var many = QuantileSketch()
        many.add(contentsOf: values)
        var single = QuantileSketch()
        for value in values { single.add(value) }

        #expect(many == single, "\(name)")
        #expect(many.count == values.filter(\.isFinite).count, "\(name)")
        #expect(many.min == single.min && many.max == single.max, "\(name)")
    }

    @Test func emptySketchAfterZerosTakesManyAsOneByOne() {
        var many = QuantileSketch()
        many.add(0)
        many.add(-0.0)
        let values = [3.0, -2, 0, 1e-3, 7e4]
        many.add(contentsOf: values)

        var single = QuantileSketch()
        for value in [0, -0.0] + values { single.add(value) }
        #expect(many == single)
        #expect(many.zeroCount == 3)
    }
}
