/// Writes ``NumberFormat/exact(_:)-(Double)``'s text as bytes, without making a `String`.
///
/// Integers below 1e15 are written whole, other finite values as `Double.description` lays
/// out their shortest digits (``ShortestDecimal``): with a point from 1e-4 up to 2^53 (`0.0001`,
/// `12.5`, `1000000000000000.0`), in exponent form outside (`1e-05`, `9.5e+15`, `5e-324`).
enum ExactNumberWriter {
    /// The most bytes one number takes (`-1.2345678901234567e-308` is 24).
    static let capacity = 32

    /// `value`'s text as a `String`.
    static func text(_ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            let count = buffer.baseAddress.map { write(value, to: $0) } ?? 0
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }

    /// Writes `value` at `out`, which must have room for ``capacity`` bytes.
    ///
    /// - Returns: the number of bytes written.
    static func write(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard value.isFinite else {
            return copy(value.isNaN ? "NaN" : value > 0 ? "Infinity" : "-Infinity", to: out)
        }
        // The minus goes first either way; without a sign, the digits write over it.
        let sign = value.sign == .minus ? 1 : 0
        out[0] = UInt8(ascii: "-")
        let magnitude = value.magnitude
        if magnitude < 1e15, magnitude == magnitude.rounded(.towardZero) {
            let whole = UInt64(magnitude)
            let count = DecimalDigits.count(whole)
            DecimalDigits.write(whole, count: count, to: out + sign)
            return sign + count
        }
        return sign + writeShortest(magnitude, to: out + sign)
    }

    /// Writes the shortest digits of a finite, positive `value` that is not an integer below
    /// 1e15, laid out as `description` does.
    private static func writeShortest(_ value: Double, to out: UnsafeMutablePointer<UInt8>)
        -> Int
    {
        let decimal = ShortestDecimal(value)
        let count = DecimalDigits.count(decimal.significand)
        // The power of ten of the first digit.
        let point = count - 1 + decimal.exponent
        if value > 0x1p53 || point < -4 {
            return writeScientific(decimal.significand, count, point, to: out)
        }
        if point < 0 { return writeFraction(decimal.significand, count, point, to: out) }
        return writeFixed(decimal.significand, count, point, to: out)
    }

    /// `d.ddde+XX`: the first digit, the others (if any) after a point, and the exponent
    /// with a sign and at least two digits.
    private static func writeScientific(
        _ significand: UInt64, _ count: Int, _ point: Int, to out: UnsafeMutablePointer<UInt8>
    ) -> Int {
        // The digits go one place on, then the first comes back ahead of the point.
        DecimalDigits.write(significand, count: count, to: out + 1)
        out[0] = out[1]
        out[1] = UInt8(ascii: ".")
        let end = count == 1 ? 1 : count + 1
        out[end] = UInt8(ascii: "e")
        out[end + 1] = point < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
        let exponent = UInt64(point.magnitude)
        let digits = exponent < 100 ? 2 : 3
        DecimalDigits.write(exponent, count: digits, to: out + end + 2)
        return end + 2 + digits
    }

    /// `0.000ddd`: a value below 1 (but at least 1e-4).
    private static func writeFraction(
        _ significand: UInt64, _ count: Int, _ point: Int, to out: UnsafeMutablePointer<UInt8>
    ) -> Int {
        let zeros = -point - 1
        out[0] = UInt8(ascii: "0")
        out[1] = UInt8(ascii: ".")
        for i in 0..<zeros { out[2 + i] = UInt8(ascii: "0") }
        DecimalDigits.write(significand, count: count, to: out + 2 + zeros)
        return 2 + zeros + count
    }

    /// `ddd.ddd` or `ddd.0`: a value from 1 up to 2^53.
    private static func writeFixed(
        _ significand: UInt64, _ count: Int, _ point: Int, to out: UnsafeMutablePointer<UInt8>
    ) -> Int {
        let whole = point + 1
        guard count > whole else {
            DecimalDigits.write(significand, count: count, to: out)
            for i in count..<whole { out[i] = UInt8(ascii: "0") }
            out[whole] = UInt8(ascii: ".")
            out[whole + 1] = UInt8(ascii: "0")
            return whole + 2
        }
        let scale = DecimalDigits.power(count - whole)
        DecimalDigits.write(significand / scale, count: whole, to: out)
        out[whole] = UInt8(ascii: ".")
        DecimalDigits.write(significand % scale, count: count - whole, to: out + whole + 1)
        return count + 1
    }

    /// Copies `text` to `out`.
    private static func copy(_ text: StaticString, to out: UnsafeMutablePointer<UInt8>) -> Int {
        out.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        return text.utf8CodeUnitCount
    }
}
