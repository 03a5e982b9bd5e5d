/// A fixed amount of some per-series resource (windows, buckets) shared by however many
/// series hold one: each gets the full share while few do, and half as much each time their
/// number doubles past that, so all of them together stay within `full × fullShares`.
///
/// Halving rather than dividing exactly keeps shares to a few values: a holder adjusts at
/// most a few times however many series a run adds, and shares that are powers of two
/// apart keep bucket and window grids aligned.
struct SharedBudget: Equatable {
    /// The share of each holder while there are at most `fullShares` of them.
    let full: Int
    /// How many holders get the full share.
    let fullShares: Int
    /// The smallest share; past `fullShares × full / least` holders the total grows again.
    let least: Int

    /// Creates a budget of `fullShares` full shares, halved down to no less than `least`.
    init(full: Int, fullShares: Int, least: Int) {
        self.full = max(1, full)
        self.fullShares = max(1, fullShares)
        self.least = min(max(1, least), self.full)
    }

    /// The share of each of `holders`: `full`, halved until `holders` shares fit in the
    /// budget or one more halving would go below `least`.
    func share(among holders: Int) -> Int {
        var share = full
        var fitting = fullShares
        while holders > fitting, share / 2 >= least {
            share /= 2
            fitting *= 2
        }
        return share
    }
}
