import Testing

@testable import RunLens

struct RankTallyTests {
    @Test func countsEachRankOnceAndNoneForSeriesWithoutARank() {
        var ranks = RankTally()
        for rank in [3, 0, 3, nil, 5_000, 7, 0, 5_000, nil] { ranks.note(rank) }

        #expect(ranks.count == 4)
    }
}
