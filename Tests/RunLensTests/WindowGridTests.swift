import Testing

@testable import RunLens

struct WindowGridTests {
    // Steps 1…10,000 with target 100 (at most 200 windows): width 32 would give
    // ⌊10000/32⌋ − ⌊1/32⌋ + 1 = 313 windows, width 64 gives 156 − 0 + 1 = 157.
    @Test func widthDoublesToKeepAtMostTwiceTheTarget() {
        let grid = WindowGrid()
        for step in 1...10_000 { grid.observe(Double(step)) }

        #expect(grid.width == 64)
        #expect(grid.doublings == 6)
        #expect(grid.windowCount == 157)
    }

    // Steps 0…399 with target 100 end at width 2 (200 windows); a target of 50 allows 100,
    // which takes width 4: ⌊399/4⌋ + 1 = 100.
    @Test func loweringTheTargetDoublesTheWidth() {
        let grid = WindowGrid()
        for step in 0..<400 { grid.observe(Double(step)) }
        #expect(grid.width == 2)

        grid.lower(target: 50)

        #expect(grid.target == 50)
        #expect(grid.width == 4)
        #expect(grid.doublings == 2)
        #expect(grid.windowCount == 100)
        grid.lower(target: 80)
        #expect(grid.target == 50)
    }

    @Test func shortRunKeepsWidthOne() {
        let grid = WindowGrid()
        for step in 0..<150 { grid.observe(Double(step)) }

        #expect(grid.width == 1)
        #expect(grid.windowCount == 150)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, 1e300])
    func unusablePositionsAreRefused(_ position: Double) {
        let grid = WindowGrid()

        #expect(!grid.observe(position))
        #expect(grid.lowest == nil)
    }

    @Test func outOfOrderPositionsWidenTheRangeBothWays() {
        let grid = WindowGrid(target: 2)
        grid.observe(10)
        grid.observe(7)
        grid.observe(12)

        // Range 7…12: width 1 gives 6 windows > 4; width 2 gives 6 − 3 + 1 = 4.
        #expect(grid.lowest == 7)
        #expect(grid.highest == 12)
        #expect(grid.width == 2)
    }

    @Test func nonsenseSettingsAreClamped() {
        let grid = WindowGrid(target: 0, initialWidth: -5)

        #expect(grid.target == 1)
        #expect(grid.initialWidth == 1)
    }
}

/// The window index against `⌊position / width⌋` computed with `rounded(.down)`.
struct WindowGridIndexTests {
    @Test(arguments: [1.0, 3, 0.1, 1_000, 7e-3])
    func indexIsTheFloorOfTheQuotient(width: Double) {
        var positions: [Double] = [0, -0.0, 0x1p52, -0x1p52, 0x1p51 + 0.5, -0x1p51 - 0.5]
        for k in -300...300 {
            let edge = Double(k) * width
            positions += [edge, edge.nextUp, edge.nextDown, edge + width / 2]
        }

        for position in positions {
            let quotient = position / width
            guard abs(quotient) <= WindowGrid.positionLimit else { continue }
            let expected = Int(quotient.rounded(.down))
            #expect(WindowGrid.index(position, width) == expected, "\(position)")
        }
    }

    // Steps 1…150 fit in 200 windows of width 1: recording 1 and 150 at once leaves the grid
    // as observing all of them; adding 1,000 would need a wider grid, so nothing is recorded.
    @Test func recordingTheEndsAtOnceKeepsTheWidthOrRefuses() {
        let grid = WindowGrid()
        grid.observe(40)

        #expect(grid.observeKeepingWidth(low: 1, high: 150))
        #expect(grid.lowest == 1 && grid.highest == 150 && grid.width == 1)
        #expect(!grid.observeKeepingWidth(low: 1, high: 1_000))
        #expect(grid.highest == 150 && grid.doublings == 0)
    }
}
