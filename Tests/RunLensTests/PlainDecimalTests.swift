import Testing

@testable import RunLens

/// The scanner's fast path for plain decimals (`NumberParser.scanPlainDecimal`) must give
/// the value the standard library's parser gives, and leave every number it does not take
/// to the full reader, errors included. Each number is tried mid-line (where the fast path
/// may read ahead) and at the end of a line (where it may not).
struct PlainDecimalTests {
    static let padding = #", "pad": "abcdefghijklmnopqrstuvwxyz0123456789"}"#

    static let numbers = [
        "0", "-0", "7", "-3", "0.0", "-0.0", "0.87638", "10.257227", "299071.6", "38.5050",
        "1715677200.420", "1.500000e-07", "1e22", "1e23", "1.5E+3", "2e-22", "2e-23", "1e0",
        "123456789012345", "1234567890123456", "12345678.1234567", "900719925474099.3",
        "9007199254740993", "0.00000001", "0.0000001", "12345678", "123456789", "5e-324",
        "1.7976931348623157e308", "4.9e-999", "100e-2", "0.1e1", "-12.5e-3", "1e999",
        "1.2345678901234", "1234567.12345678", "1234567.1234567", "0.00000000000001",
        "9.99999999999999", "12.3456789", "123.45678901234567", "9007199.254740993",
        "0.1234567e-20", "4.1234567890123e22",
    ]

    static let rejected: [(String, String)] = [
        ("01", "invalid number '01'"), ("00.5", "invalid number '00.5'"),
        ("1.", "invalid number '1.'"), ("1.e5", "invalid number '1.e5'"),
        ("1e", "invalid number '1e'"), ("1e+", "invalid number '1e+'"),
        ("-", "invalid number '-'"), ("1.5x", "invalid number '1.5x'"),
        ("12345678x", "invalid number '12345678x'"), ("1e5e", "invalid number '1e5e'"),
    ]

    @Test(arguments: numbers)
    func givesTheStandardLibrarysValue(text: String) throws {
        let expected = try #require(Double(text)).bitPattern
        #expect(LeafRecorder.number(in: #"{"v": "# + text + Self.padding)?.bitPattern == expected)
        #expect(LeafRecorder.number(in: #"{"v": "# + text + "}")?.bitPattern == expected)
    }

    @Test func randomPlainDecimalsGiveTheStandardLibrarysValue() throws {
        var generator = SplitMix64(seed: 0xDEC1_4A15)
        for _ in 0..<5_000 {
            let text = randomDecimal(&generator)
            let expected = try #require(Double(text)).bitPattern
            #expect(
                LeafRecorder.number(in: #"{"v": "# + text + Self.padding)?.bitPattern == expected,
                "\(text)")
            #expect(
                LeafRecorder.number(in: #"{"v": "# + text + "}")?.bitPattern == expected, "\(text)")
        }
    }

    @Test func randomShortDecimalsWithLongFractionsGiveTheStandardLibrarysValue() throws {
        var generator = SplitMix64(seed: 0x5407_F4AC)
        for _ in 0..<20_000 {
            let bits = generator.next()
            var text = bits & 1 == 0 ? "" : "-"
            text += digits(Int((bits >> 1) % 7) + 1, &generator, leadingZero: false)
            text += "." + digits(Int((bits >> 4) % 16) + 1, &generator, leadingZero: true)
            if bits >> 9 & 3 == 0 {
                text += "e" + String(Int((bits >> 11) % 61) - 30)
            }
            let expected = try #require(Double(text)).bitPattern
            #expect(
                LeafRecorder.number(in: #"{"v": "# + text + Self.padding)?.bitPattern == expected,
                "\(text)")
            #expect(
                LeafRecorder.number(in: #"{"v": "# + text + "}")?.bitPattern == expected, "\(text)")
        }
    }

    @Test(arguments: rejected)
    func leavesMalformedNumbersToTheFullReader(text: String, reason: String) {
        var scanner = JSONScanner()
        var recorder = LeafRecorder()
        var line = Array((#"{"v": "# + text + Self.padding).utf8)
        let result = line.withUnsafeMutableBytes {
            scanner.scanRecord(UnsafeRawBufferPointer($0), visitor: &recorder)
        }
        #expect(result == .malformed(reason: reason, column: 7))

        var end = Array((#"{"v": "# + text + "}").utf8)
        let atEnd = end.withUnsafeMutableBytes {
            scanner.scanRecord(UnsafeRawBufferPointer($0), visitor: &recorder)
        }
        #expect(atEnd == .malformed(reason: reason, column: 7))
    }

    @Test(arguments: [
        "7", "-3", "0.4145", "38.5050", "12345678", "1.5e-07", "-12.5e-3", "0.87638",
        "1234567.1234567", "12.34567",
    ])
    func takesANumberThatEndsTheText(text: String) throws {
        let expected = try #require(Double(text)).bitPattern
        for prefix in ["", "[", #"{"value": "#] {
            let bytes = Array((prefix + text).utf8)
            let scan = bytes.withUnsafeBufferPointer { text -> NumberParser.Scan in
                guard let base = text.baseAddress else { return (0, -2) }
                return NumberParser.scanPlainDecimal(base, prefix.utf8.count, text.count)
            }
            #expect(scan.end == bytes.count, "\(prefix + text)")
            #expect(scan.value.bitPattern == expected, "\(prefix + text)")
        }
    }

    @Test(arguments: ["1.", "1e", "1e+", "-", "1.e5", "12345678.", "1234567.", "1.e", "-1."])
    func leavesAnUnfinishedNumberAtTheEndOfTheText(text: String) {
        for prefix in ["", #"{"value": "#] {
            let bytes = Array((prefix + text).utf8)
            let scan = bytes.withUnsafeBufferPointer { text -> NumberParser.Scan in
                guard let base = text.baseAddress else { return (0, -2) }
                return NumberParser.scanPlainDecimal(base, prefix.utf8.count, text.count)
            }
            #expect(scan.end == -1, "\(prefix + text)")
        }
    }

    /// A sign, 1 to 16 integer digits, maybe a fraction of 1 to 8 digits, maybe an exponent.
    private func randomDecimal(_ generator: inout SplitMix64) -> String {
        let bits = generator.next()
        var text = bits & 1 == 0 ? "" : "-"
        text += digits(Int((bits >> 1) % 16) + 1, &generator, leadingZero: false)
        if bits >> 5 & 1 == 1 {
            text += "." + digits(Int((bits >> 6) % 8) + 1, &generator, leadingZero: true)
        }
        if bits >> 9 & 3 == 0 {
            text += "e" + String(Int((bits >> 11) % 61) - 30)
        }
        return text
    }

    private func digits(_ count: Int, _ generator: inout SplitMix64, leadingZero: Bool) -> String {
        var text = ""
        for position in 0..<count {
            let digit = Int(generator.next() % 10)
            text += String(position == 0 && !leadingZero && count > 1 ? max(1, digit) : digit)
        }
        return text
    }

}
