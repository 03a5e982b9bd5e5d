extension CSVCell {
    /// The digits of a decimal number (`12`, `.5`, `3.`, `1e-4`, `6.02E+23`), sign excluded.
    struct DecimalShape {
        /// Up to 19 significant digits as an integer.
        var mantissa: UInt64 = 0
        /// Significant digits seen, leading zeros excluded.
        var digitCount = 0
        /// The power of ten that scales `mantissa`.
        var exponent = 0

        /// Reads `bytes[start...]`; `nil` unless all of it is one decimal number.
        init?(_ bytes: UnsafeRawBufferPointer, from start: Int) {
            var index = start
            let integerDigits = readDigits(bytes, &index, fraction: false)
            var fractionDigits = 0
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                fractionDigits = readDigits(bytes, &index, fraction: true)
            }

            guard integerDigits + fractionDigits > 0 else {
                return nil
            }

            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                guard let written = Self.readExponent(bytes, &index) else {
                    return nil
                }
                exponent += written
            }

            guard index == bytes.count else {
                return nil
            }
        }

        /// The value when `mantissa` and the power of ten are both exact doubles, so one
        /// rounding gives the correctly rounded result; `nil` otherwise.
        var exactValue: Double? {
            if mantissa == 0 {
                return 0
            }

            guard digitCount <= 15, exponent >= -22, exponent <= 22 else {
                return nil
            }

            let scale = Self.powersOfTen[abs(exponent)]
            return exponent < 0 ? Double(mantissa) / scale : Double(mantissa) * scale
        }

        private static let powersOfTen: [Double] = (0...22).map { power in
            (0..<power).reduce(1.0) { product, _ in product * 10 }
        }

        /// Reads a run of digits into the mantissa; returns how many digits there were.
        private mutating func readDigits(
            _ bytes: UnsafeRawBufferPointer, _ index: inout Int, fraction: Bool
        ) -> Int {
            let start = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                add(digit: bytes[index] &- UInt8(ascii: "0"), fraction: fraction)
                index += 1
            }
            return index - start
        }

        private mutating func add(digit: UInt8, fraction: Bool) {
            if digitCount == 0 && digit == 0 {
                exponent -= fraction ? 1 : 0
                return
            }

            if digitCount < 19 {
                mantissa = mantissa * 10 + UInt64(digit)
                exponent -= fraction ? 1 : 0
            } else {
                exponent += fraction ? 0 : 1
            }
            digitCount += 1
        }

        /// Reads `e`, an optional sign and digits; clamps huge exponents, which only the
        /// slow path sees because they fail the exact range check.
        private static func readExponent(_ bytes: UnsafeRawBufferPointer, _ index: inout Int)
            -> Int?
        {
            index += 1
            var negative = false
            if index < bytes.count,
                bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")
            {
                negative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }

            let start = index
            var value = 0
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                value = min(value * 10 + Int(bytes[index] &- UInt8(ascii: "0")), 100_000)
                index += 1
            }

            guard index > start else {
                return nil
            }
            return negative ? -value : value
        }
    }
}
