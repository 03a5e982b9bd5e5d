import Testing

@testable import RunLens

/// ``ExactNumberWriter`` (and `NumberFormat.exact`, which uses it) against the standard
/// library: every expected text is the rule `NumberFormat.exact` follows, written with `Int64`
/// and `Double.description`.
struct ExactNumberWriterTests {
    /// The text the writer must produce, from the standard library alone.
    static func expected(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        if value == value.rounded(), abs(value) < 1e15 {
            return value == 0 && value.sign == .minus ? "-0" : String(Int64(value))
        }
        return value.description
    }

    /// What the writer wrote for `value`.
    static func written(_ value: Double) -> String {
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: ExactNumberWriter.capacity)
        defer { out.deallocate() }
        let count = ExactNumberWriter.write(value, to: out)
        return String(decoding: UnsafeBufferPointer(start: out, count: count), as: UTF8.self)
    }

    /// The values (and their negatives) whose text, written as bytes or by
    /// `NumberFormat.exact`, differs from the standard library's.
    static func mismatches(_ values: [Double]) -> [String] {
        values.flatMap { [$0, -$0] }.compactMap { value in
            let text = written(value)
            let want = expected(value)
            let same = text == want && NumberFormat.exact(value) == want
            return same ? nil : "\(value.bitPattern): \(text) instead of \(want)"
        }
    }

    /// `value` and its `count` neighbours on each side.
    static func around(_ value: Double, _ count: Int = 3) -> [Double] {
        var values = [value]
        var down = value
        var up = value
        for _ in 0..<count {
            down = down.nextDown
            up = up.nextUp
            values += [down, up]
        }
        return values
    }

    @Test(arguments: [
        (0.0, "0"), (-0.0, "-0"), (Double.nan, "NaN"), (Double.infinity, "Infinity"),
        (-Double.infinity, "-Infinity"), (1.5, "1.5"), (-2.0, "-2"), (0.1, "0.1"),
        (0.0001, "0.0001"), (0.00001, "1e-05"), (1e15, "1000000000000000.0"),
        (0x1p53, "9007199254740992.0"), (0x1p53 + 2, "9.007199254740994e+15"),
        (1e16, "1e+16"), (123.25, "123.25"), (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"), (1e100, "1e+100"),
    ])
    func writesTheTextsOfTheRule(value: Double, text: String) {
        #expect(Self.written(value) == text)
        #expect(NumberFormat.exact(value) == text)
    }

    @Test func subnormalsAndTheNormalBoundary() {
        var values = (1...5_000).map { Double(bitPattern: UInt64($0)) }
        values += (0..<2_000).map { Double(bitPattern: (1 << 52) - UInt64($0)) }
        values += Self.around(.leastNormalMagnitude, 50) + Self.around(.leastNonzeroMagnitude, 50)
        values += Self.around(.greatestFiniteMagnitude, 50)
        #expect(Self.mismatches(values) == [])
    }

    @Test func powersOfTwoAndTenAndTheirNeighbours() throws {
        var values = (-1074...1023).flatMap {
            Self.around(Double(sign: .plus, exponent: $0, significand: 1))
        }
        for exponent in -323...308 {
            let power = try #require(Double("1e\(exponent)"))
            values += Self.around(power) + [2, 3, 5, 9].flatMap { Self.around(power * $0, 1) }
        }
        #expect(Self.mismatches(values) == [])
    }

    /// Where the layout changes: 1e-4 (exponent form below), 1e15 (integers written whole
    /// below), 2^53 (exponent form above), and the integers around them.
    @Test func theLayoutsSwitchPoints() {
        var values = Self.around(0.0001, 200) + Self.around(1e15, 200) + Self.around(0x1p53, 200)
        values += (-1_000...1_000).map { 1e15 + Double($0) }
        values += (-1_000...1_000).map { 0x1p53 + 2 * Double($0) }
        values += (0...63).flatMap { Self.around(Double(UInt64(1) << $0), 5) }
        values += (15...22).flatMap { Self.around(Self.pow10($0), 5) }
        #expect(Self.mismatches(values) == [])
    }

    @Test(arguments: [15, 16, 17])
    func decimalsOfManyDigits(digits: Int) throws {
        var random = SeededRandom(seed: UInt64(digits))
        let low = UInt64(Self.pow10(digits - 1))
        var values: [Double] = []
        for _ in 0..<20_000 {
            let significand = low + random.next() % (9 * low)
            let exponent = Int(random.next() % 630) - 340
            values.append(try #require(Double("\(significand)e\(exponent)")))
        }
        #expect(Self.mismatches(values) == [])
    }

    @Test func randomBitPatterns() {
        var random = SeededRandom(seed: 8)
        let values = (0..<200_000).map { _ in Double(bitPattern: random.next()) }
        #expect(Self.mismatches(values) == [])
    }

    @Test func randomShortDecimals() throws {
        var random = SeededRandom(seed: 80)
        var values: [Double] = []
        for _ in 0..<100_000 {
            let digits = Int(random.next() % 17) + 1
            let significand = random.next() % UInt64(Self.pow10(digits))
            let exponent = Int(random.next() % 660) - 340
            values.append(try #require(Double("\(significand)e\(exponent)")))
        }
        #expect(Self.mismatches(values) == [])
    }

    /// `10^exponent`, exactly for exponents up to 22.
    static func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { product, _ in product * 10 }
    }
}
