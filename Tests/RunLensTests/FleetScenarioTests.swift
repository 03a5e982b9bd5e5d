import Foundation
import Testing

@testable import RunLens

struct FleetScenarioTests {
    static func generate(_ name: String, seed: UInt64 = 1, steps: Int = 1000) throws
        -> SynthOutput
    {
        var parameters = SynthParameters()
        parameters.seed = seed
        parameters.steps = steps
        return try #require(FleetScenario.generate(name, parameters))
    }

    /// Every record of a rank file, read with Foundation's JSON parser.
    static func records(_ text: String) throws -> [[String: Double]] {
        try text.split(separator: "\n").map { line in
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Double])
            return object
        }
    }

    @Test func unknownNamesAreNotFleetScenarios() {
        #expect(FleetScenario.generate("spike", SynthParameters()) == nil)
    }

    @Test(arguments: FleetScenario.names)
    func writesOneValidFilePerRankWithTheLoggedFields(_ name: String) throws {
        let output = try Self.generate(name)

        #expect(
            output.files.map(\.name) == [
                "rank0.jsonl", "rank1.jsonl", "rank2.jsonl", "rank3.jsonl",
            ])
        for (rank, file) in output.files.enumerated() {
            let records = try Self.records(file.text)
            #expect(records.count == 1000)
            #expect(records.allSatisfy { $0["rank"] == Double(rank) })
            let keys = Set(records[4].keys)
            #expect(
                keys == [
                    "step", "rank", "timestamp", "loss", "step_time", "data_time", "forward_time",
                    "backward_time", "tokens_per_second", "gpu_memory_allocated", "gpu_util",
                    "gpu_temp",
                ])
        }
    }

    @Test func theSameSeedWritesTheSameBytes() throws {
        let first = try Self.generate("straggler", seed: 9)
        let second = try Self.generate("straggler", seed: 9)
        let other = try Self.generate("straggler", seed: 10)

        #expect(first.files.map(\.text) == second.files.map(\.text))
        #expect(first.files.map(\.text) != other.files.map(\.text))
        #expect(first.expected == second.expected)
    }

    @Test func stepTimeIsEvenedOutAcrossRanksByTheAllReduce() throws {
        let output = try Self.generate("straggler", seed: 4)
        let ranks = try output.files.map { try Self.records($0.text) }

        for step in 0..<1000 {
            let times = ranks.compactMap { $0[step]["step_time"] }
            let spread = (times.max() ?? 0) / (times.min() ?? 1)
            #expect(spread < 1.1)
        }
    }

    @Test(arguments: Array(UInt64(1)...6))
    func theStragglerIsSlowOnItsOwnWorkByTheInjectedFactor(_ seed: UInt64) throws {
        let output = try Self.generate("straggler", seed: seed)
        let expected = try #require(output.expected.first)
        let rank = try #require(expected.rank)
        let metric = try #require(expected.metric)
        let from = Int(try #require(expected.startStep))
        let ranks = try output.files.map { try Self.records($0.text) }

        func mean(_ rank: Int) -> Double {
            let values = ranks[rank][(from + 10)...].compactMap { $0[metric] }
            return values.reduce(0, +) / Double(values.count)
        }
        let others = (0..<4).filter { $0 != rank }.map(mean)
        let ratio = mean(rank) / (others.reduce(0, +) / 3)
        #expect(ratio > 1.4 && ratio < 3.2)
    }

    @Test func theLeakGrowsOneRankByTwentyToFiftyPercentAnHour() throws {
        let output = try Self.generate("leak", seed: 2, steps: 2000)
        let expected = try #require(output.expected.first)
        let rank = try #require(expected.rank)
        let records = try Self.records(output.files[rank].text).filter {
            $0["gpu_memory_allocated"] != nil
        }
        let first = try #require(
            records.first { $0["step"] ?? 0 >= (expected.startStep ?? 0) + 50 })
        let last = try #require(records.last)

        let hours = ((last["timestamp"] ?? 0) - (first["timestamp"] ?? 0)) / 3600
        let growth = ((last["gpu_memory_allocated"] ?? 0) - (first["gpu_memory_allocated"] ?? 0))
        let percentPerHour = growth / 38 / hours * 100
        #expect(percentPerHour > 19 && percentPerHour < 51)
    }

    @Test func forbiddenIdsAreTheFleetIdsNotExpected() throws {
        let clean = try Self.generate("fleet-clean")
        let overheat = try Self.generate("overheat")
        let degraded = try Self.generate("degraded-gpus")

        #expect(clean.expected.isEmpty)
        #expect(Set(clean.forbidden) == Set(FleetScenario.allIds))
        #expect(overheat.expected.map(\.detector) == ["gpu_overheat"])
        #expect(!overheat.forbidden.contains("gpu_overheat"))
        #expect(degraded.expected.map(\.detector) == ["throughput_drop"])
        #expect(!degraded.forbidden.contains("straggler"))
    }

    @Test func shortRequestsAreLengthenedSoFaultsOutlastTheMinimums() throws {
        let output = try Self.generate("low-util", steps: 100)

        #expect(try Self.records(output.files[0].text).count == 800)
    }
}
