import Testing

@testable import RunLens

/// What counts as better and worse between two digests.
struct DigestComparisonTests {
    static func run(
        _ name: String, _ status: DigestRun.Status, kinds: [String: Int] = [:],
        configure: (inout RunFigures) -> Void = { _ in }
    ) -> DigestRun {
        var figures = RunFigures(name: RunName(name: name, given: false))
        configure(&figures)
        var run = DigestRun(name: name, status: status, figures: figures)
        run.kinds = kinds
        return run
    }

    @Test func movesOfTenPercentOrMoreCount() {
        let before = Self.run("a", .ok) {
            $0.throughput = 1000
            $0.latencyP95 = 200
            $0.latencyP99 = 400
            $0.finalTrainLoss = 2
            $0.requests = 1000
            $0.failedRequests = 10
        }
        let now = Self.run("a", .ok) {
            $0.throughput = 900
            $0.latencyP95 = 219.9
            $0.latencyP99 = 300
            $0.finalTrainLoss = .nan
            $0.requests = 1000
            $0.failedRequests = 19
        }
        let comparison = DigestComparison(runs: [now], previous: [before])
        #expect(
            comparison.worse == [
                .init(
                    name: "a",
                    changes: [
                        "final train loss 2 → NaN", "throughput 1000 → 900 (-10%)",
                    ])
            ])
        let better = DigestComparison.RunChange(
            name: "a", changes: ["latency p99 400 ms → 300 ms (-25%)"])
        #expect(comparison.better == [better])
    }

    @Test func errorRateMovesByPercentagePoints() {
        let before = Self.run("a", .ok) {
            $0.requests = 100
            $0.failedRequests = 1
        }
        let now = Self.run("a", .ok) {
            $0.requests = 100
            $0.failedRequests = 2
        }
        let comparison = DigestComparison(runs: [now], previous: [before])
        #expect(comparison.worse == [.init(name: "a", changes: ["error rate 1.00% → 2.00%"])])
    }

    @Test func newFailuresAndFixedRuns() {
        let previous = [
            Self.run("a", .critical, kinds: ["divergence": 1]), Self.run("b", .warning),
            Self.run("c", .error, kinds: ["straggler": 2]), Self.run("gone", .critical),
        ]
        let runs = [
            Self.run("a", .ok), Self.run("b", .error, kinds: ["divergence": 3]),
            Self.run("c", .critical, kinds: ["straggler": 1]),
            Self.run("new", .critical, kinds: ["divergence": 1]), Self.run("u", .unreadable),
        ]
        let comparison = DigestComparison(runs: runs, previous: previous)
        #expect(comparison.previousRuns == 4)
        #expect(comparison.previousFailed == 3)
        #expect(comparison.failed == 3)
        #expect(comparison.newFailures == ["b", "new"])
        #expect(comparison.fixed == ["a"])
        #expect(comparison.worse.map(\.name) == ["b", "c"])
        #expect(comparison.worse[1].changes == ["status error → critical"])
        #expect(comparison.better == [.init(name: "a", changes: ["status critical → ok"])])
        #expect(comparison.worseKinds == [.init(detector: "divergence", before: 1, now: 2)])
        #expect(comparison.betterKinds.isEmpty)
    }
}
