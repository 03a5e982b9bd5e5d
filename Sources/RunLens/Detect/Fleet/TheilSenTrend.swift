/// A robust straight-line trend: the Theil–Sen slope (median of every pairwise slope),
/// its intercept (median of `y - slope·x`), and Kendall's τ, the share of concordant minus
/// discordant pairs, which says how consistently `y` moves with `x`.
///
/// O(n² log n) in the number of points; callers fit a few dozen window summaries.
struct TheilSenTrend: Equatable {
    /// Change of `y` per unit of `x`.
    var slope: Double
    /// `y` at `x = 0`.
    var intercept: Double
    /// Kendall's τ-a in [-1, 1]; 0 when every pair is tied.
    var consistency: Double
    /// Points fitted.
    var count: Int

    /// Fits `points`; `nil` with fewer than two points with distinct `x`.
    init?(_ points: [(x: Double, y: Double)]) {
        var slopes: [Double] = []
        var concordant = 0
        var discordant = 0
        for i in points.indices {
            for j in points.indices where j > i {
                let dx = points[j].x - points[i].x
                guard dx != 0 else { continue }
                let dy = points[j].y - points[i].y
                slopes.append(dy / dx)
                if dy * dx > 0 { concordant += 1 } else if dy * dx < 0 { discordant += 1 }
            }
        }
        guard let slope = FleetMath.median(slopes) else { return nil }

        let offsets = points.map { $0.y - slope * $0.x }
        self.slope = slope
        intercept = FleetMath.median(offsets) ?? 0
        consistency = Double(concordant - discordant) / Double(slopes.count)
        count = points.count
    }

    /// The fitted `y` at `x`.
    func value(at x: Double) -> Double {
        intercept + slope * x
    }
}
