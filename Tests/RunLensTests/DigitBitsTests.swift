import Testing

@testable import RunLens

/// The word operations the number readers are built on: which bytes of a little-endian word
/// are digits, counted against a plain loop over the bytes.
struct DigitBitsTests {
    /// Bytes near the digits and the ones whose carries the bit trick must keep in bounds.
    static let bytes: [UInt8] =
        Array(0x30...0x39) + [
            0x00, 0x20, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x3A, 0x45, 0x65, 0x7D, 0x7F, 0x80, 0xC9,
            0xCA, 0xCB, 0xCF, 0xD0, 0xEF, 0xF0, 0xF9, 0xFA, 0xFF,
        ]

    @Test func leadingDigitCountMatchesAByteLoop() {
        var generator = SplitMix64(seed: 0xD161_7B17)
        for _ in 0..<50_000 {
            let word = randomWord(&generator)
            #expect(NumberParser.leadingDigitCount(word) == Self.digitRun(word, from: 0), "\(word)")
        }
    }

    /// Past the lowest byte that is not a digit, the bits stay exact until a byte from 0xCA
    /// to 0xCF: a fraction's digits after `0.` are counted from the same bits.
    @Test func digitsAfterAPointAreCountedFromTheSameBits() {
        var generator = SplitMix64(seed: 0x0_2E0_2E)
        for _ in 0..<50_000 {
            let word = randomWord(&generator) << 16 | 0x2E30
            let run = Self.digitRun(word, from: 2)
            // Six bytes past the point: a run of all six leaves no bit, a count of eight.
            let counted = (NumberParser.nonDigitBits(word) >> 16).trailingZeroBitCount >> 3
            #expect(min(counted, 6) == run, "\(word)")
        }
    }

    @Test func wordsOfDigitsHaveNoNonDigitBits() {
        #expect(NumberParser.nonDigitBits(0x3939_3939_3939_3939) == 0)
        #expect(NumberParser.nonDigitBits(0x3030_3030_3030_3030) == 0)
        #expect(NumberParser.leadingDigitCount(0x3A39_3837_3635_3433) == 7)
        #expect(NumberParser.leadingDigitCount(0x3132_3334_3536_372F) == 0)
    }

    /// How many bytes of `word`, from byte `from` up, are ASCII digits.
    static func digitRun(_ word: UInt64, from: Int) -> Int {
        var count = 0
        for index in from..<8 {
            let byte = UInt8(truncatingIfNeeded: word >> UInt64(8 * index))
            guard byte >= 0x30, byte <= 0x39 else { break }
            count += 1
        }
        return count
    }

    /// Eight bytes drawn from ``bytes``, digits more often than not.
    private func randomWord(_ generator: inout SplitMix64) -> UInt64 {
        var word: UInt64 = 0
        for index in 0..<8 {
            let draw = generator.next()
            let byte =
                draw % 3 == 0
                ? Self.bytes[Int((draw >> 8) % UInt64(Self.bytes.count))]
                : UInt8(0x30 + (draw >> 8) % 10)
            word |= UInt64(byte) << UInt64(8 * index)
        }
        return word
    }
}
