/// The distinct ranks of the series a detector tracks, counted as the series are added:
/// what ``SharedBudget/share(among:ranks:)`` shares by.
struct RankTally {
    private var seen = SmallIntSet()
    /// The distinct ranks noted so far.
    private(set) var count = 0

    /// Notes a series of `rank`; a series with no rank adds none.
    mutating func note(_ rank: Int?) {
        guard let rank, !seen.contains(rank) else { return }
        seen.insert(rank)
        count += 1
    }
}
