// Compares ExactNumberWriter with the standard library on many random doubles (#8).
//
// Build and run by hand from the repository root:
//
//   R=Sources/RunLens/Report
//   swiftc -O -wmo -parse-as-library -module-name RunLens scripts/check-exact-numbers.swift \
//       $R/ExactNumberWriter.swift $R/ShortestDecimal.swift $R/PowersOfTen.swift \
//       $R/BigNumber.swift $R/DecimalDigits.swift Sources/RunLens/Synth/SeededRandom.swift \
//       -o .build/check-exact-numbers
//   .build/check-exact-numbers [count] [seed]
//
// Each round takes a double from random bits, one from a random decimal of 1 to 17 digits
// with a random exponent, and one from a random integer below 2^64, and checks that the
// writer's bytes are those of the rule `NumberFormat.exact` follows, written with the
// standard library: `NaN`, `Infinity`, `-Infinity`, `-0`, integers below 1e15 through
// `Int64`, `Double.description` for the rest. It prints the first mismatches and the count.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The expected text, from the standard library alone.
func expected(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
    if value == value.rounded(), abs(value) < 1e15 {
        return value == 0 && value.sign == .minus ? "-0" : String(Int64(value))
    }
    return value.description
}

@main
struct CheckExactNumbers {
    static func main() {
        let arguments = CommandLine.arguments
        let rounds = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
        var random = SeededRandom(seed: arguments.count > 2 ? UInt64(arguments[2]) ?? 1 : 1)
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: ExactNumberWriter.capacity)
        var checked = 0
        var mismatches = 0
        for _ in 0..<rounds {
            for value in candidates(&random) {
                let count = ExactNumberWriter.write(value, to: out)
                let bytes = UnsafeBufferPointer(start: out, count: count)
                let text = String(decoding: bytes, as: UTF8.self)
                let want = expected(value)
                checked += 1
                if text != want {
                    mismatches += 1
                    guard mismatches <= 20 else { continue }
                    print("bits \(value.bitPattern): wrote \(text), expected \(want)")
                }
            }
        }
        print("checked \(checked) doubles, \(mismatches) mismatches")
        if mismatches > 0 { exit(1) }
    }

    /// A double from random bits, one from a random short decimal, one from a random integer.
    static func candidates(_ random: inout SeededRandom) -> [Double] {
        let bits = Double(bitPattern: random.next())
        let digits = Int(random.next() % 17) + 1
        var significand: UInt64 = 1
        for _ in 0..<digits { significand *= 10 }
        let decimal = "\(random.next() % significand)e\(Int(random.next() % 660) - 340)"
        let integer = Double(random.next() >> (random.next() % 64))
        return [bits, Double(decimal) ?? 0, integer]
    }
}
