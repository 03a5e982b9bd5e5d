import Foundation
import Testing

@testable import RunLens

struct StragglerDetectorTests {
    /// Case 11's rank files, or a subset of them.
    static func case11(ranks: [Int]) throws -> [Incident] {
        let feed = FleetFeed([StragglerDetector()])
        for rank in ranks {
            try feed.addFile(
                FleetPaths.path("cases/11-straggler-masked-by-allreduce/rank\(rank).jsonl"))
        }
        return feed.incidents()
    }

    /// The number after `prefix` in `text`.
    static func number(after prefix: String, in text: String) -> Double? {
        guard let range = text.range(of: prefix) else { return nil }
        let rest = text[range.upperBound...].prefix { "0123456789.".contains($0) }
        return Double(rest)
    }

    @Test func case11NamesRankTwoOnDataTimeNotTheWaitingRanks() throws {
        let incidents = try Self.case11(ranks: [0, 1, 2, 3])

        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.detector == "straggler")
        #expect(incident.severity == .warning)
        #expect(incident.rank == 2)
        #expect(incident.metric == "data_time")
        #expect(incident.startStep == 11)
        #expect(incident.endStep == 50)
        #expect(incident.threshold == 1.2)
    }

    @Test func case11FactorAndCostMatchAHandComputation() throws {
        let incident = try #require(try Self.case11(ranks: [0, 1, 2, 3]).first)

        // python3 over the rank files: mean data_time of rank 2 over steps 11-50 divided by
        // the mean of the other ranks' per-step median is 19.99; the sum over those steps
        // of (rank 2 - median of the others) is 7.60 s.
        let factor = try #require(Self.number(after: "data_time: ", in: incident.message))
        let cost = try #require(Self.number(after: "cost the run about ", in: incident.message))
        #expect(abs(factor - 19.99) < 0.3)
        #expect(abs(cost - 7.60) < 0.1)
        #expect(incident.message.contains("forward_time+backward_time is longer"))
    }

    @Test(arguments: [[0, 2], [2, 3], [0, 1, 2], [1, 2, 3]])
    func case11WithFewerRanksStillBlamesOnlyRankTwo(_ ranks: [Int]) throws {
        let incidents = try Self.case11(ranks: ranks)

        #expect(incidents.map(\.rank) == [2])
        #expect(incidents.map(\.metric) == ["data_time"])
    }

    /// A data-parallel run in which every rank waits in backward for the slowest.
    static func ddp(
        ranks: Int, steps: Int, data: (Int, Int) -> Double = { _, _ in 0.05 },
        compute: (Int, Int) -> Double = { _, _ in 1 }, stepTimeOnly: Bool = false
    ) -> [Incident] {
        let feed = FleetFeed([StragglerDetector()])
        for step in 1...steps {
            let jitter = { (rank: Int) in 1 + 0.01 * Double((step * 7 + rank * 3) % 5) }
            let own = (0..<ranks).map { rank -> (Double, Double, Double) in
                let factor = compute(rank, step) * jitter(rank)
                return (data(rank, step), 0.3 * factor, 0.6 * factor)
            }
            let arrival = own.map { $0.0 + $0.1 + $0.2 }.max() ?? 0
            for (rank, work) in own.enumerated() {
                let backward = arrival - work.0 - work.1 + 0.1
                let position = (step: Double(step), time: 1_700_000_000 + Double(step))
                feed.add(
                    "step_time", rank: rank, step: position.step, time: position.time,
                    value: arrival + 0.15)
                guard !stepTimeOnly else { continue }
                feed.add("data_time", rank: rank, step: position.step, value: work.0)
                feed.add("forward_time", rank: rank, step: position.step, value: work.1)
                feed.add("backward_time", rank: rank, step: position.step, value: backward)
            }
        }
        return feed.incidents()
    }

    @Test func slowComputeIsFoundInForwardTimeAndWaitersAreNotBlamed() throws {
        let incidents = Self.ddp(
            ranks: 4, steps: 400,
            compute: { rank, step in
                rank == 1 && step >= 150 ? 1.8 : 1
            })

        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.rank == 1)
        #expect(incident.metric == "forward_time")
        #expect(incident.startStep == 150)
        #expect(incident.endStep == 400)
    }

    @Test func twoRanksWithSlowComputeBlameOnlyTheSlowOne() {
        let incidents = Self.ddp(
            ranks: 2, steps: 300,
            compute: { rank, step in
                rank == 0 && step >= 100 ? 2 : 1
            })

        #expect(incidents.map(\.rank) == [0])
        #expect(incidents.map(\.metric) == ["forward_time"])
    }

    @Test func aOneStepStallOnEveryRankIsNoStraggler() {
        let incidents = Self.ddp(
            ranks: 4, steps: 400, data: { _, step in step % 100 == 0 ? 30 : 0.05 })

        #expect(incidents.isEmpty)
    }

    @Test func aOneStepStallOnOneRankIsNoStraggler() {
        let incidents = Self.ddp(
            ranks: 4, steps: 400, data: { rank, step in rank == 0 && step == 200 ? 30 : 0.05 })

        #expect(incidents.isEmpty)
    }

    @Test func aRankSlowOnlyAtTheStartIsNoStraggler() {
        let incidents = Self.ddp(
            ranks: 4, steps: 1000, data: { rank, step in rank == 3 && step <= 60 ? 0.5 : 0.05 })

        #expect(incidents.isEmpty)
    }

    @Test func aSlowdownTooSmallToCostAnythingIsIgnored() {
        let incidents = Self.ddp(
            ranks: 4, steps: 400, data: { rank, _ in rank == 2 ? 0.004 : 0.001 })

        #expect(incidents.isEmpty)
    }

    @Test func stepTimeIsNotScoredWhenTheLogHasDataOrComputeTime() {
        let incidents = Self.ddp(
            ranks: 4, steps: 400, data: { rank, step in rank == 2 && step > 100 ? 0.4 : 0.05 })

        #expect(incidents.map(\.metric) == ["data_time"])
    }

    /// Data time equal on every rank, no compute time, and rank 5's step time 1.35× the
    /// others' from step 201: its own work is slower, and step time is the only measure of
    /// it the log has.
    @Test func stepTimeStandsInForComputeWhenOnlyDataTimeIsLoggedBesideIt() throws {
        let feed = FleetFeed([StragglerDetector()])
        for step in 1...400 {
            for rank in 0..<8 {
                let jitter = 1 + 0.01 * Double((step * 7 + rank * 3) % 5)
                let slow = rank == 5 && step > 200 ? 1.35 : 1
                feed.add("data_time", rank: rank, step: Double(step), value: 0.0125)
                feed.add("step_time", rank: rank, step: Double(step), value: 0.43 * slow * jitter)
            }
        }

        let incidents = feed.incidents()

        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.rank == 5)
        #expect(incident.metric == "step_time")
        #expect(incident.endStep == 400)
    }

    @Test func stepTimeIsScoredWhenItIsAllTheLogHas() throws {
        let feed = FleetFeed([StragglerDetector()])
        for step in 1...300 {
            for rank in 0..<4 {
                let slow = rank == 3 && step > 120 ? 1.5 : 1
                feed.add("step_time", rank: rank, step: Double(step), value: slow)
            }
        }
        let incidents = feed.incidents()

        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.rank == 3)
        #expect(incident.metric == "step_time")
        #expect(incident.startStep == 121)
    }

    /// One rank of 64 a quarter slower for 150 of 1,200 steps, step time all the log has:
    /// found, with its start and end within a bucket of the slowdown's. Buckets shared by rank
    /// as well as by number were too coarse to see it.
    @Test func aMildShortStragglerAmongManyRanksIsFound() throws {
        let feed = FleetFeed([StragglerDetector()])
        for step in 1...1_200 {
            for rank in 0..<64 {
                let slow = rank == 40 && (900..<1_050).contains(step) ? 1.25 : 1
                let jitter = 1 + 0.01 * sin(Double(step * 7 + rank * 13))
                feed.add("step_time", rank: rank, step: Double(step), value: 0.85 * slow * jitter)
            }
        }
        let incidents = feed.incidents()

        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.rank == 40)
        #expect(abs((incident.startStep ?? 0) - 900) <= 4)
        #expect(abs((incident.endStep ?? 0) - 1_049) <= 4)
    }

    @Test func millisecondTimesAreScaledToSeconds() throws {
        let feed = FleetFeed([StragglerDetector()])
        for step in 1...300 {
            for rank in 0..<3 {
                let data = rank == 1 && step > 100 ? 300.0 : 20
                feed.add("data_time_ms", rank: rank, step: Double(step), value: data)
                feed.add("step_time_ms", rank: rank, step: Double(step), value: 1000)
            }
        }
        let incident = try #require(feed.incidents().first)

        #expect(incident.rank == 1)
        #expect(incident.metric == "data_time_ms")
        #expect(incident.message.contains("vs 0.020 s a step"))
        #expect(incident.startStep == 101)
    }

    @Test func aSingleRankIsNeverAStraggler() {
        let incidents = Self.ddp(
            ranks: 1, steps: 300, data: { _, step in step > 100 ? 1 : 0.05 })

        #expect(incidents.isEmpty)
    }

    @Test func longRunsKeepABoundedGrid() {
        let detector = StragglerDetector()
        let feed = FleetFeed([detector])
        for step in stride(from: 1, through: 200_000, by: 10) {
            for rank in 0..<2 {
                feed.add("data_time", rank: rank, step: Double(step), value: 0.05)
            }
        }
        _ = feed.incidents()

        #expect(
            detector.tracked.allSatisfy { $0.buckets.buckets.count <= StragglerDetector.bucketCap })
    }

    // Steps 1…2,000 from origin 1: a cap of 1,024 buckets takes width 2 (indices 0…999),
    // 512 width 4 (0…499). The buckets share by the number of tracked series alone, not by
    // rank: up to 128 series keep 1,024 and 129 to 256 get 512, whether one series a rank (128
    // or 129 ranks) or two (64 or 65 ranks); coarser by rank, a mild short straggler among 64
    // ranks went unseen.
    @Test(arguments: [
        (33, 1, 1_024, 2.0, 1_000), (128, 1, 1_024, 2.0, 1_000), (129, 1, 512, 4.0, 500),
        (64, 2, 1_024, 2.0, 1_000), (65, 2, 512, 4.0, 500),
    ])
    func manyRanksShareTheBucketBudget(
        _ ranks: Int, _ perRank: Int, _ cap: Int, _ width: Double, _ count: Int
    ) {
        let detector = StragglerDetector()
        let feed = FleetFeed([detector])
        let names = ["data_time", "step_time"].prefix(perRank)
        for step in 1...2_000 {
            for rank in 0..<ranks {
                for name in names {
                    feed.add(name, rank: rank, step: Double(step), value: 0.05)
                }
            }
        }
        _ = feed.incidents()

        #expect(detector.cap == cap)
        #expect(detector.width == width)
        #expect(detector.tracked.allSatisfy { $0.buckets.buckets.count == count })
    }

    @Test func llmcStepStallsOfOneProcessAreNoStraggler() throws {
        // llm.c writes plain text the readers do not take yet, so its step lines are read
        // here: `step  N/19560 | ... | 4230.95 ms | ...`. The excerpt holds 724 steps with a
        // 4196.7 ms median and 2 stalls over twice that (up to 8497.4 ms, python3); one
        // process's stalls are not stragglers.
        let path = FleetPaths.path("corpus/llmc-stdout-log/hector_gpt2_train.11685414.log")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let feed = FleetFeed([StragglerDetector()])
        var steps = 0
        for line in text.components(separatedBy: "\n") where line.hasPrefix("step ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let number = cells.first?.dropFirst(4).split(separator: "/").first
            guard let step = number.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }),
                let cell = cells.first(where: { $0.hasSuffix(" ms") }),
                let milliseconds = Double(cell.dropLast(3))
            else { continue }
            feed.add("step_time_ms", rank: 0, step: step, value: milliseconds)
            steps += 1
        }

        #expect(steps == 724)
        #expect(feed.incidents().isEmpty)
    }

    @Test func aWildStepOnOneRankKeepsTheGridBounded() {
        let detector = StragglerDetector()
        let feed = FleetFeed([detector])
        for step in 1...300 {
            for rank in 0..<4 {
                feed.add("data_time", rank: rank, step: Double(step), value: 0.05)
            }
        }
        feed.add("data_time", rank: 1, step: 1e12, value: 0.05)

        #expect(feed.incidents().isEmpty)
        let span = detector.tracked.map(\.buckets.endIndex).max() ?? 0
        let start = detector.tracked.map(\.buckets.firstIndex).min() ?? 0
        #expect(span - start <= StragglerDetector.bucketCap)
    }

    @Test func disabledFindsNothing() throws {
        var settings = FleetSettings()
        settings.stragglerEnabled = false
        let feed = FleetFeed([StragglerDetector(settings: settings)])
        for rank in 0..<4 {
            try feed.addFile(
                FleetPaths.path("cases/11-straggler-masked-by-allreduce/rank\(rank).jsonl"))
        }

        #expect(feed.incidents().isEmpty)
    }
}
