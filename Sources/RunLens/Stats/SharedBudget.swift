/// A fixed amount of some per-series resource (windows, buckets) shared by however many
/// series hold one: each gets the full share while few do, and half as much each time their
/// number doubles past that, so all of them together stay within `full × fullShares`.
///
/// Halving rather than dividing exactly keeps shares to a few values: a holder adjusts at
/// most a few times however many series a run adds, and shares that are powers of two
/// apart keep bucket and window grids aligned.
///
/// A detector's series can also share by rank (``share(among:ranks:)``): past
/// ``fullRanks`` ranks the share halves each time their number doubles, however few series
/// each rank has, so a run with many ranks holds about as much as one with `fullRanks`.
struct SharedBudget: Equatable {
    /// The ranks whose series get their share by number of holders alone.
    static let fullRanks = 32

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
        halved(until: holders, fitIn: fullShares)
    }

    /// The share of each of `holders` that come from `ranks` ranks: the smaller of
    /// ``share(among:)`` and `full` halved until the ranks fit in ``fullRanks`` doubled as
    /// often (or one more halving would go below `least`).
    func share(among holders: Int, ranks: Int) -> Int {
        min(share(among: holders), halved(until: ranks, fitIn: Self.fullRanks))
    }

    /// `full`, halved while `count` is more than `fitting` doubled as often, down to `least`.
    private func halved(until count: Int, fitIn fitting: Int) -> Int {
        var share = full
        var fitting = fitting
        while count > fitting, share / 2 >= least {
            share /= 2
            fitting *= 2
        }
        return share
    }
}
