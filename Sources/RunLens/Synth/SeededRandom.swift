#if canImport(Glibc)
    import Glibc
#endif

/// A small deterministic random generator (SplitMix64), so synthetic logs are the same
/// for the same seed on every machine.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    /// Creates a generator from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A uniform value in [0, 1).
    public mutating func uniform() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    /// A standard normal value (Box–Muller).
    public mutating func normal() -> Double {
        let first = max(uniform(), 1e-300)
        let second = uniform()
        return (-2 * log(first)).squareRoot() * cos(2 * Double.pi * second)
    }
}
