/// An unsigned integer of any size, with just what ``PowersOfTen`` needs to build its table:
/// multiplying and dividing by a small number and reading the leading 128 bits.
struct BigNumber {
    /// The 64-bit words, least significant first, without leading zero words.
    private var words: [UInt64]

    /// The number `value`.
    init(_ value: UInt64) {
        words = value == 0 ? [] : [value]
    }

    /// The number `2^exponent`.
    init(powerOfTwo exponent: Int) {
        words = [UInt64](repeating: 0, count: exponent / 64 + 1)
        words[exponent / 64] = 1 << UInt64(exponent % 64)
    }

    /// Multiplies the number by `factor`.
    mutating func multiply(by factor: UInt64) {
        var carry: UInt64 = 0
        for i in words.indices {
            let product = words[i].multipliedFullWidth(by: factor)
            let (low, overflow) = product.low.addingReportingOverflow(carry)
            words[i] = low
            carry = product.high &+ (overflow ? 1 : 0)
        }
        if carry != 0 { words.append(carry) }
    }

    /// Divides the number by `divisor`, dropping the remainder.
    mutating func divide(by divisor: UInt64) {
        var remainder: UInt64 = 0
        for i in words.indices.reversed() {
            (words[i], remainder) = divisor.dividingFullWidth((remainder, words[i]))
        }
        while words.last == 0 { words.removeLast() }
    }

    /// The number's leading 128 bits (shifted up if it has fewer), and whether any bit below
    /// them is set.
    func leadingBits() -> (high: UInt64, low: UInt64, inexact: Bool) {
        let shift = bitWidth - 128
        return (word(at: shift + 64), word(at: shift), shift > 0 && anyBit(below: shift))
    }

    /// The number of bits up to the highest set one.
    private var bitWidth: Int {
        guard let top = words.last else { return 0 }
        return words.count * 64 - top.leadingZeroBitCount
    }

    /// The 64 bits from bit `start` up, with zeros below bit 0 and past the top.
    private func word(at start: Int) -> UInt64 {
        let index = start >= 0 ? start / 64 : (start - 63) / 64
        let offset = UInt64(start - index * 64)
        let lower = self.word(index) >> offset
        return offset == 0 ? lower : lower | self.word(index + 1) << (64 - offset)
    }

    /// Word `index`, zero outside the number.
    private func word(_ index: Int) -> UInt64 {
        words.indices.contains(index) ? words[index] : 0
    }

    /// Whether any bit below bit `end` is set.
    private func anyBit(below end: Int) -> Bool {
        let whole = end / 64
        let partial = word(whole) & ((1 << UInt64(end % 64)) &- 1)
        return partial != 0 || words.prefix(whole).contains { $0 != 0 }
    }
}
