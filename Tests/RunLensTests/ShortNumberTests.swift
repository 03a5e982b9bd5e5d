import Testing

@testable import RunLens

/// The scanner's inlined path for short numbers (`JSONCollector.scanShortNumber`) must give
/// the standard library's value for every number it takes, end where the number ends, and
/// leave everything else to the full reader (end -1), which then accepts or rejects it as
/// before. A text shorter than eight bytes is always left to the full reader.
struct ShortNumberTests {
    /// What may follow a number: the usual separators, and nothing (the end of the text).
    static let followers = [", \"pad\": \"abcdefghijklmnop\"}", "}", "]", " ", ",", ""]

    static let taken = [
        "0", "-0", "7", "-3", "0.0", "-0.0", "0.5", "-0.5", "0.87638", "10.257227", "299071.6",
        "38.5050", "0.4145", "9999999", "-9999999", "9999999.9", "1234567.1", "1.2345678",
        "0.1234567", "0.0000001", "0.0000000", "-0.0000000", "1.0000000", "12.345678",
        "1e5", "1.5e3", "1.5E-07", "1.500000e-07", "-0e0", "7e+22", "1e22", "1e-22", "2E+0",
        "9.9999999e-15", "-12.5e-3", "0.0e-21", "12345678", "-12345678", "1715677200.420",
        "123456789012345", "-123456789012345", "12345678.1234567", "900719925474099.2",
        "12345678.12345678", "1234567890123.456",
        "9007199254740.992", "10000000.0000000", "99999999", "0.12345", "-0.00000", "0.9",
        "0.1234567", "0.5e3", "0.5E-3", "-0.25e+1",
    ]

    @Test(arguments: taken)
    func takesShortNumbersWithTheStandardLibrarysValue(text: String) throws {
        let expected = try #require(Double(text)).bitPattern
        for follower in Self.followers {
            let scan = short(text + follower)
            #expect(scan.end == Self.takenEnd(text, follower), "\(text + follower)")
            if scan.end >= 0 {
                #expect(scan.value.bitPattern == expected, "\(text + follower)")
            }
        }
        #expect(LeafRecorder.number(in: #"{"v":"# + text + "}")?.bitPattern == expected)
    }

    /// Where `scanShortNumber` ends a number it takes, `text`, followed by `follower`: -1
    /// when the two make fewer than eight bytes.
    static func takenEnd(_ text: String, _ follower: String) -> Int {
        text.utf8.count + follower.utf8.count >= 8 ? text.utf8.count : -1
    }

    /// Lines shorter than eight bytes, `{"v":1}` and shorter numbers, are read by the full
    /// reader, with the standard library's value; the same numbers in a longer line are
    /// taken by the short path with the same value.
    @Test func numbersInLinesShorterThanEightBytesGiveTheStandardLibrarysValue() throws {
        var generator = SplitMix64(seed: 0x7E_1E55)
        for _ in 0..<5_000 {
            let bits = generator.next()
            let text = randomDecimal(upTo: 3, bits, &generator)
            let expected = try #require(Double(text)).bitPattern
            let line = #"{"v":"# + text + "}"

            #expect(short(text + "}").end == Self.takenEnd(text, "}"), "\(text)")
            #expect(LeafRecorder.number(in: line)?.bitPattern == expected, "\(line)")
            let padded = short(text + ", \"w\": 1}")
            #expect(padded.end == text.utf8.count, "\(text)")
            #expect(padded.value.bitPattern == expected, "\(text)")
        }
    }

    /// `0.` and a fraction, read from one word when it has at most five digits: every
    /// length, sign, exponent and follower, against the standard library.
    @Test func fractionsOfZeroGiveTheStandardLibrarysValue() throws {
        var generator = SplitMix64(seed: 0x0F_2AC7)
        for _ in 0..<20_000 {
            let bits = generator.next()
            let digits = Int(bits % 8) + 1
            var text = bits >> 3 & 1 == 0 ? "0." : "-0."
            text += randomDigits(digits, &generator, leadingZero: true)
            let exponent = bits >> 4 & 3 == 0
            if exponent {
                text += (bits >> 6 & 1 == 0 ? "e" : "E-") + String((bits >> 7) % 25)
            }
            let expected = try #require(Double(text)).bitPattern
            let follower = Self.followers[Int((bits >> 12) % UInt64(Self.followers.count))]

            let scan = short(text + follower)
            if !exponent && digits < 8 {
                #expect(scan.end == Self.takenEnd(text, follower), "\(text + follower)")
            }
            if scan.end >= 0 {
                #expect(scan.end == text.utf8.count, "\(text + follower)")
                #expect(scan.value.bitPattern == expected, "\(text + follower)")
            }
            #expect(
                LeafRecorder.number(in: #"{"v": "# + text + "}")?.bitPattern == expected, "\(text)")
        }
    }

    /// Valid numbers of other shapes, and text that is not a number or has more after it.
    static let leftToTheFullReader = [
        "1.23456789", "1234567.12", "0.12345678", "1e23", "1e-23", "1.5e-22", "0.0e-22",
        "1e400",
        "1234567890123456", "9007199254740993", "900719925474099.3", "1234567890.12345678",
        "12345678901.2345678", "00000000", "012345678", "01", "-01", "00.5", "1.", "1.e5",
        "-", "-.5", ".5", "+1", "1.5x", "1.5.", "7_", "7a", "7-", "7+", "-Infinity",
        "Infinity", "NaN", "true", "null", "x", "1234567.1x", "1.2345678e", "1.23456789,",
        "1e", "1e+", "1e5x", "1e5.5", "12345678x", "12345678.", "12345678.e1", "12345678e1",
        "0.", "0.e1", "0.5x", "0.5.", "0.5_", "-0.5a", "0.5e", "0.5e+", "0.12345678",
        "0.1e-22", "0.5e23x",
    ]

    @Test(arguments: leftToTheFullReader)
    func leavesOtherTextToTheFullReader(text: String) {
        for follower in ["}", ""] {
            #expect(short(text + follower).end == -1, "\(text + follower)")
        }
    }

    @Test func randomShortNumbersOfEverySplitGiveTheStandardLibrarysValue() throws {
        var generator = SplitMix64(seed: 0x5409_7D1E)
        for _ in 0..<20_000 {
            let bits = generator.next()
            let text = randomDecimal(upTo: 8, bits, &generator)
            let expected = try #require(Double(text)).bitPattern
            let follower = Self.followers[Int((bits >> 24) % UInt64(Self.followers.count))]

            let scan = short(text + follower)
            #expect(scan.end == Self.takenEnd(text, follower), "\(text + follower)")
            if scan.end >= 0 {
                #expect(scan.value.bitPattern == expected, "\(text + follower)")
            }
            #expect(
                LeafRecorder.number(in: #"{"v": "# + text + "}")?.bitPattern == expected, "\(text)")
        }
    }

    /// A fraction is read from the word after the point, whatever the integer part's length:
    /// every split of two to eight digits, with and without exponents, each follower.
    @Test func fractionsFromTheWordAfterThePointGiveTheStandardLibrarysValue() throws {
        var generator = SplitMix64(seed: 0xF4AC_7104)
        for _ in 0..<20_000 {
            let bits = generator.next()
            let integerDigits = Int(bits % 7) + 1
            let fractionDigits = Int((bits >> 3) % UInt64(8 - integerDigits)) + 1
            var text = bits >> 6 & 1 == 0 ? "" : "-"
            text += randomDigits(integerDigits, &generator, leadingZero: integerDigits == 1)
            text += "." + randomDigits(fractionDigits, &generator, leadingZero: true)
            let written = Int((bits >> 7) % 31) - 15
            let exponent = bits >> 12 & 3 == 0
            if exponent { text += "e" + String(written) }
            let expected = try #require(Double(text)).bitPattern
            let follower = Self.followers[Int((bits >> 16) % UInt64(Self.followers.count))]
            let power = (exponent ? written : 0) - fractionDigits

            let end = abs(power) <= 22 ? Self.takenEnd(text, follower) : -1
            expectShort(text + follower, end: end, value: expected)
        }
    }

    /// Integers of one to seven digits are their own doubles, and end where their digits do.
    @Test func shortIntegersAreTheirOwnValue() throws {
        var generator = SplitMix64(seed: 0x1_4E6E)
        for _ in 0..<10_000 {
            let bits = generator.next()
            let digits = Int(bits % 7) + 1
            let text =
                (bits >> 3 & 1 == 0 ? "" : "-")
                + randomDigits(digits, &generator, leadingZero: digits == 1)
            let expected = try #require(Double(text)).bitPattern
            let follower = Self.followers[Int((bits >> 8) % UInt64(Self.followers.count))]

            expectShort(text + follower, end: Self.takenEnd(text, follower), value: expected)
        }
    }

    /// That `scanShortNumber` ends `text` at `end` and, when it takes it, with `value`'s bits.
    private func expectShort(_ text: String, end: Int, value: UInt64) {
        let scan = short(text)
        #expect(scan.end == end, "\(text)")
        if scan.end >= 0 {
            #expect(scan.value.bitPattern == value, "\(text)")
        }
    }

    @Test func numbersJustPastTheShortShapeStillGiveTheStandardLibrarysValue() throws {
        var generator = SplitMix64(seed: 0x9D16_1755)
        for _ in 0..<5_000 {
            let bits = generator.next()
            let integerDigits = Int(bits % 7) + 1
            var text = bits >> 4 & 1 == 0 ? "" : "-"
            text += randomDigits(integerDigits, &generator, leadingZero: integerDigits == 1)
            text += "." + randomDigits(9 - integerDigits, &generator, leadingZero: true)
            if bits >> 5 & 3 == 0 {
                text += "e" + String(Int((bits >> 7) % 41) - 20)
            }
            let expected = try #require(Double(text)).bitPattern

            #expect(short(text + "}").end == -1, "\(text)")
            #expect(
                LeafRecorder.number(in: #"{"v": "# + text + "}")?.bitPattern == expected, "\(text)")
            #expect(
                LeafRecorder.number(in: #"{"v": "# + text + ", \"w\": 1}")?.bitPattern == expected)
        }
    }

    @Test func randomExponentsWithinTheExactPowersAreTaken() throws {
        var generator = SplitMix64(seed: 0xE4_1D7E)
        for _ in 0..<10_000 {
            let bits = generator.next()
            let total = Int(bits % 8) + 1
            // Seven integer digits at most: longer integer parts with an exponent are not taken.
            let integerDigits = min(Int((bits >> 3) % UInt64(total)) + 1, 7)
            var text = bits >> 6 & 1 == 0 ? "" : "-"
            text += randomDigits(integerDigits, &generator, leadingZero: integerDigits == 1)
            if integerDigits < total {
                text += "." + randomDigits(total - integerDigits, &generator, leadingZero: true)
            }
            let written = Int((bits >> 8) % 61) - 30
            let sign = written >= 0 && bits >> 16 & 1 == 1 ? "+" : ""
            text += (bits >> 17 & 1 == 0 ? "e" : "E") + sign + String(written)
            let expected = try #require(Double(text)).bitPattern
            let power = written - (total - integerDigits)

            let scan = short(text + "}")
            let end = abs(power) <= 22 ? Self.takenEnd(text, "}") : -1
            #expect(scan.end == end, "\(text)")
            if scan.end >= 0 {
                #expect(scan.value.bitPattern == expected, "\(text)")
            }
            #expect(
                LeafRecorder.number(in: #"{"v": "# + text + ", \"w\": 1}")?.bitPattern == expected)
        }
    }

    @Test func randomLongIntegerPartsAreTakenUpToTwoToTheFiftyThree() throws {
        var generator = SplitMix64(seed: 0x10_4C)
        for _ in 0..<10_000 {
            let bits = generator.next()
            let integerDigits = Int(bits % 9) + 8
            let fractionDigits = Int((bits >> 4) % 9)
            let integer = randomDigits(integerDigits, &generator, leadingZero: false)
            let fraction = randomDigits(fractionDigits, &generator, leadingZero: true)
            let sign = bits >> 8 & 1 == 0 ? "" : "-"
            let text = sign + integer + (fractionDigits > 0 ? "." + fraction : "")
            let expected = try #require(Double(text)).bitPattern
            let mantissa = UInt64(integer + fraction)
            let fits =
                integerDigits <= 15 && integerDigits - 8 + fractionDigits <= 8
                && (mantissa ?? .max) <= 1 << 53

            let scan = short(text + ", ")
            #expect(scan.end == (fits ? text.utf8.count : -1), "\(text)")
            if scan.end >= 0 {
                #expect(scan.value.bitPattern == expected, "\(text)")
            }
            #expect(
                LeafRecorder.number(in: #"{"v": "# + text + "}")?.bitPattern == expected, "\(text)")
        }
    }

    /// `scanShortNumber` on `text`, the number at its start.
    private func short(_ text: String) -> NumberParser.Scan {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> NumberParser.Scan in
            guard let base = buffer.baseAddress else { return (0, -2) }
            return JSONCollector.scanShortNumber(base, 0, buffer.count)
        }
    }

    /// A decimal of 1 to `maxDigits` digits, its sign, length and point placed by `bits`
    /// (its low 17), its digits drawn from `generator`: `7`, `-0.25`, `31.4`.
    private func randomDecimal(upTo maxDigits: Int, _ bits: UInt64, _ generator: inout SplitMix64)
        -> String
    {
        let total = Int(bits % UInt64(maxDigits)) + 1
        let integerDigits = Int((bits >> 8) % UInt64(total)) + 1
        var text = bits >> 16 & 1 == 0 ? "" : "-"
        text += randomDigits(integerDigits, &generator, leadingZero: integerDigits == 1)
        if integerDigits < total {
            text += "." + randomDigits(total - integerDigits, &generator, leadingZero: true)
        }
        return text
    }

    private func randomDigits(_ count: Int, _ generator: inout SplitMix64, leadingZero: Bool)
        -> String
    {
        var text = ""
        for position in 0..<count {
            let digit = Int(generator.next() % 10)
            text += String(position == 0 && !leadingZero ? max(1, digit) : digit)
        }
        return text
    }
}
