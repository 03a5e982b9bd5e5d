import Foundation

/// Deterministic data for the statistics tests, and an independent reference implementation
/// of the linear (type 7) quantile to compare against.
enum StatsTestData {
    /// SplitMix64: a small, well-mixed, seeded generator.
    struct Generator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// `count` samples of a lognormal distribution (μ = 0, σ = 1) by Box–Muller.
    static func lognormal(count: Int, seed: UInt64) -> [Double] {
        var generator = Generator(state: seed)
        return (0..<count).map { _ in
            let u1 = Double.random(in: Double.ulpOfOne..<1, using: &generator)
            let u2 = Double.random(in: 0..<1, using: &generator)
            return exp((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
        }
    }

    /// The linear-interpolation quantile written out from its textbook definition:
    /// position `(n − 1)·q` in the sorted values, interpolated between its neighbours.
    static func referenceQuantile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        let position = Double(sorted.count - 1) * q
        let below = Int(position)
        let above = Swift.min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        return sorted[below] * (1 - fraction) + sorted[above] * fraction
    }

    /// The `latency_ms` values of case 14, read with Foundation's JSON parser line by line.
    static func case14Latencies() throws -> [Double] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/cases/14-submillisecond-latency-quantiles.jsonl")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").compactMap { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return ((object as? [String: Any])?["latency_ms"] as? NSNumber)?.doubleValue
        }
    }
}
