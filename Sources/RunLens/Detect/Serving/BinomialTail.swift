import Foundation

/// The upper tail of the binomial distribution: how likely `k` or more of `n` requests
/// break a rule by chance when each does with probability `p`.
///
/// Used to tell a window that really misses a target from one that is merely small and
/// noisy: at a 0.1% error target, 2 failures in 1500 requests are chance (p ≈ 0.44),
/// 10 are not (p ≈ 0.0002).
enum BinomialTail {
    /// P(X ≥ k) for X ~ Binomial(n, p); 1 when `k` is at or below the mean.
    static func atLeast(_ k: Int, of n: Int, probability p: Double) -> Double {
        guard k > 0, n > 0, p > 0 else { return k > 0 && p <= 0 ? 0 : 1 }
        guard k <= n else { return 0 }
        guard p < 1, Double(k) > Double(n) * p else { return 1 }

        var term = exp(logTerm(k, n, p))
        var sum = term
        let odds = p / (1 - p)
        var index = k
        while index < n, term > sum * 1e-16 {
            term *= Double(n - index) / Double(index + 1) * odds
            sum += term
            index += 1
        }
        return min(1, sum)
    }

    /// log of C(n, k) p^k (1 − p)^(n − k).
    private static func logTerm(_ k: Int, _ n: Int, _ p: Double) -> Double {
        let choose =
            lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
        return choose + Double(k) * log(p) + Double(n - k) * log1p(-p)
    }
}
