/// Decimal digits of unsigned integers written as ASCII bytes, two at a time from a table.
enum DecimalDigits {
    /// "00" to "99", each pair at twice its value.
    private static let pairs: StaticString = """
        0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243\
        4445464748495051525354555657585960616263646566676869707172737475767778798081828384858687\
        888990919293949596979899
        """

    /// `10^0` to `10^19`.
    private static let powers: [UInt64] = {
        var powers: [UInt64] = [1]
        for _ in 1...19 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()

    /// `10^exponent`, for `exponent` in 0...19.
    @inline(__always)
    static func power(_ exponent: Int) -> UInt64 { powers[exponent] }

    /// The number of digits of `value`, 1 for zero.
    @inline(__always)
    static func count(_ value: UInt64) -> Int {
        // Setting the lowest bit changes no count but zero's, to one's.
        let odd = value | 1
        // bits * 1233 / 4096 is log10(2^bits) rounded down: the count or one short of it.
        let estimate = ((64 - odd.leadingZeroBitCount) &* 1233) >> 12
        return estimate + (odd >= powers[estimate] ? 1 : 0)
    }

    /// Writes the last `count` digits of `value` (with leading zeros) to `out`.
    @inline(__always)
    static func write(_ value: UInt64, count: Int, to out: UnsafeMutablePointer<UInt8>) {
        let table = UnsafeRawPointer(pairs.utf8Start)
        let raw = UnsafeMutableRawPointer(out)
        var rest = value
        var end = count
        while end >= 2 {
            let next = rest / 100
            let pair = Int(truncatingIfNeeded: rest &- next &* 100)
            end -= 2
            raw.storeBytes(
                of: table.loadUnaligned(fromByteOffset: 2 &* pair, as: UInt16.self),
                toByteOffset: end, as: UInt16.self)
            rest = next
        }
        if end == 1 { out[0] = UInt8(truncatingIfNeeded: rest % 10) | UInt8(ascii: "0") }
    }
}
