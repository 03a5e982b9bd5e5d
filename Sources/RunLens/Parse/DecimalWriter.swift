#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The slow, always correct number conversion: rewrites a token for `strtod`.
///
/// The token becomes the NUL-terminated text `[-]DIGITSeEXP` with no decimal point, so the
/// C locale's decimal separator never matters. Digits past the 780th are replaced by one
/// sticky digit: a double's halfway points have at most 767 significant digits, so the
/// rounding is unchanged while the text stays on the stack.
struct DecimalWriter {
    private static let digitLimit = 780

    private let text: UnsafeMutablePointer<CChar>
    private var length = 0
    private var kept = 0
    private var negative = false
    private var scale = 0
    private var droppedNonzero = false
    private var exponent = 0

    private init(text: UnsafeMutablePointer<CChar>) {
        self.text = text
    }

    /// Converts a token that already matched the strict or lenient number grammar.
    static func convert(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 832) { buffer in
            guard let text = buffer.baseAddress else {
                return .nan
            }
            var writer = DecimalWriter(text: text)
            writer.rewrite(p, start, end)
            if writer.kept == 0 {
                return writer.negative ? -0.0 : 0.0
            }

            writer.finish()
            return strtod(text, nil)
        }
    }

    private mutating func rewrite(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) {
        var index = start
        if p[index] == UInt8(ascii: "-") || p[index] == UInt8(ascii: "+") {
            negative = p[index] == UInt8(ascii: "-")
            index += 1
        }
        if negative {
            append(UInt8(ascii: "-"))
        }

        var inFraction = false
        while index < end && p[index] | 0x20 != UInt8(ascii: "e") {
            let byte = p[index]
            index += 1
            if byte == UInt8(ascii: ".") {
                inFraction = true
            } else {
                addDigit(byte, inFraction: inFraction)
            }
        }

        if index < end {
            exponent = Self.exponentValue(p, index + 1, end)
        }
    }

    private mutating func addDigit(_ byte: UInt8, inFraction: Bool) {
        if inFraction {
            scale -= 1
        }
        if kept == 0 && byte == UInt8(ascii: "0") {
            return
        }

        if kept < Self.digitLimit {
            append(byte)
            kept += 1
        } else {
            scale += 1
            droppedNonzero = droppedNonzero || byte != UInt8(ascii: "0")
        }
    }

    private static func exponentValue(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var index = start
        var sign = 1
        if p[index] == UInt8(ascii: "-") || p[index] == UInt8(ascii: "+") {
            sign = p[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
        }

        var magnitude = 0
        while index < end && magnitude < 100_000 {
            magnitude = magnitude * 10 + Int(p[index] &- UInt8(ascii: "0"))
            index += 1
        }
        return sign * magnitude
    }

    private mutating func finish() {
        var total = exponent + scale
        if droppedNonzero {
            append(UInt8(ascii: "1"))
            total -= 1
        }

        append(UInt8(ascii: "e"))
        if total < 0 {
            append(UInt8(ascii: "-"))
        }
        let magnitude = min(abs(total), 999_999)
        var divisor = 1
        while divisor * 10 <= magnitude {
            divisor *= 10
        }
        while divisor > 0 {
            append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
            divisor /= 10
        }
        text[length] = 0
    }

    private mutating func append(_ byte: UInt8) {
        text[length] = CChar(bitPattern: byte)
        length += 1
    }
}
