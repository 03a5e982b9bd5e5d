import Testing

@testable import RunLens

/// The latest steps of a stream, kept as an evenly spaced run after a ring of the others:
/// every step reads back exactly as it was added, in order, the oldest forgotten first.
struct RecentStepsTests {
    static func steps(_ values: [Double], capacity: Int = 16) -> RecentSteps {
        var steps = RecentSteps(capacity: capacity)
        for value in values { steps.append(value) }
        return steps
    }

    static func latest(_ steps: RecentSteps, _ limit: Int = 100) -> [Double] {
        var seen: [Double] = []
        steps.forEachLatest(limit) { seen.append($0) }
        return seen
    }

    @Test func evenStepsPastTheCapacityKeepTheNewest() {
        let steps = Self.steps((1...10).map(Double.init), capacity: 4)

        #expect(steps.count == 4)
        #expect(Self.latest(steps) == [10, 9, 8, 7])
        #expect(Self.latest(steps, 2) == [10, 9])
    }

    @Test func unevenStepsReadBackInOrder() {
        let steps = Self.steps([1, 2, 4, 7, 8, 9, 3])

        #expect(Self.latest(steps) == [3, 9, 8, 7, 4, 2, 1])
    }

    @Test func theOldestGoesFirstFromTheRingThenFromTheRun() {
        var steps = Self.steps([1, 5, 6, 7, 8, 9], capacity: 5)
        #expect(Self.latest(steps) == [9, 8, 7, 6, 5])

        steps.append(20)
        #expect(Self.latest(steps) == [20, 9, 8, 7, 6])
        steps.append(21)
        steps.append(40)
        #expect(Self.latest(steps) == [40, 21, 20, 9, 8])
    }

    @Test func aRunDownToOneStepKeepsItsSpacing() {
        // At capacity 2, 30 drops 10: the run holds 20 alone, and 30 and 40 carry it on.
        var steps = Self.steps([10, 20, 30], capacity: 2)
        #expect(Self.latest(steps) == [30, 20])

        steps.append(40)
        steps.append(45)
        #expect(Self.latest(steps) == [45, 40])
    }

    @Test func removingFromAStepKeepsTheStepsBelowIt() {
        var steps = Self.steps([3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        steps.removeAll(from: 6)
        #expect(Self.latest(steps) == [5, 4, 3, 2, 1, 3])

        steps.append(6)
        steps.append(7)
        #expect(Self.latest(steps) == [7, 6, 5, 4, 3, 2, 1, 3])
    }

    @Test func removingFromAFallingRunKeepsItsEnd() {
        var steps = Self.steps([10, 8, 6, 4, 2])
        steps.removeAll(from: 7)

        #expect(Self.latest(steps) == [2, 4, 6])
        steps.append(0)
        #expect(Self.latest(steps) == [0, 2, 4, 6])
    }

    @Test func removingEverythingLeavesNoStep() {
        var steps = Self.steps([5, 6, 7, 1, 9])
        steps.removeAll(from: 0)

        #expect(steps.count == 0)
        #expect(Self.latest(steps).isEmpty)
    }

    // 0.1 + 2 × 0.1 is 0.30000000000000004, not 0.3, so 0.3 starts a new run; and -1 + 1 is
    // +0, not the -0 that was added.
    @Test func stepsTheSpacingDoesNotGiveBackExactlyStayAsAdded() {
        let decimals = Self.latest(Self.steps([0.1, 0.2, 0.3, 0.4]))
        #expect(decimals == [0.4, 0.3, 0.2, 0.1])

        let zero = Self.latest(Self.steps([-1, -0.0, 1]))
        #expect(zero.count == 3)
        #expect(zero[1] == 0 && zero[1].sign == .minus)
    }

    @Test func aNaNStepIsKeptAsOneOfThem() {
        let seen = Self.latest(Self.steps([1, .nan, 3, 4]))

        #expect(seen.count == 4)
        #expect(seen[0] == 4 && seen[1] == 3 && seen[2].isNaN && seen[3] == 1)
    }

    @Test func releasingForgetsEveryStep() {
        var steps = Self.steps([1, 2, 7, 8])
        steps.release()
        #expect(steps.count == 0)

        steps.append(3)
        #expect(Self.latest(steps) == [3])
    }
}
