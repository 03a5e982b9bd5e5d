import Foundation
import Testing

@testable import RunLens

struct TrainingScenarioTests {
    static func parameters(seed: UInt64 = 1, steps: Int = 600) -> SynthParameters {
        var parameters = SynthParameters()
        parameters.seed = seed
        parameters.steps = steps
        return parameters
    }

    /// The records of a file's text, as `[name: value]`, reading Python's bare tokens.
    static func records(_ text: String) -> [[String: Double]] {
        text.split(separator: "\n").map { line in
            var record: [String: Double] = [:]
            for pair in line.dropFirst().dropLast().components(separatedBy: ", ") {
                let parts = pair.components(separatedBy: ": ")
                guard parts.count == 2 else { continue }
                let name = parts[0].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                switch parts[1] {
                case "NaN": record[name] = .nan
                case "Infinity": record[name] = .infinity
                default: record[name] = Double(parts[1])
                }
            }
            return record
        }
    }

    @Test func sameSeedWritesTheSameFilesAndAnotherSeedDoesNot() {
        let first = TrainingScenario.generate("spike", Self.parameters(seed: 5))
        let again = TrainingScenario.generate("spike", Self.parameters(seed: 5))
        let other = TrainingScenario.generate("spike", Self.parameters(seed: 6))

        #expect(first?.files.map(\.text) == again?.files.map(\.text))
        #expect(first?.expected == again?.expected)
        #expect(first?.files.map(\.text) != other?.files.map(\.text))
    }

    @Test func unknownScenarioIsNil() {
        #expect(TrainingScenario.generate("leak", Self.parameters()) == nil)
    }

    @Test(arguments: TrainingScenario.names)
    func everyScenarioWritesOneFilePerRankWithTheDocumentedFields(name: String) throws {
        let output = try #require(TrainingScenario.generate(name, Self.parameters(seed: 2)))

        #expect(
            output.files.map(\.name) == [
                "rank0.jsonl", "rank1.jsonl", "rank2.jsonl", "rank3.jsonl",
            ])
        let first = try #require(Self.records(output.files[0].text).first)
        for field in [
            "step", "timestamp", "rank", "loss", "grad_norm", "lr", "tokens_per_second",
            "step_time",
            "data_time", "forward_time", "backward_time",
        ] {
            #expect(first[field] != nil, "\(name) lacks \(field)")
        }
        #expect(name == "clean" ? output.expected.isEmpty : !output.expected.isEmpty)
        #expect(output.forbidden.contains("alert_storm"))
    }

    @Test func cleanForbidsEveryTrainingDetector() throws {
        let output = try #require(TrainingScenario.generate("clean", Self.parameters()))
        #expect(Set(output.forbidden) == Set(TrainingScenario.allIds))
    }

    @Test func evaluationsCarryTwoDomainsEveryTenthOfTheRun() throws {
        let output = try #require(
            TrainingScenario.generate("clean", Self.parameters(seed: 4, steps: 1000)))
        let evaluations = Self.records(output.files[0].text).filter { $0["val_loss_code"] != nil }

        #expect(evaluations.map { $0["step"] ?? 0 } == (1...10).map { Double($0 * 100) })
        #expect(evaluations.allSatisfy { $0["val_loss_web"] != nil })
    }

    @Test func learningRateWarmsUpThenDecaysToATenth() throws {
        let output = try #require(
            TrainingScenario.generate("clean", Self.parameters(seed: 4, steps: 1000)))
        let rates = Self.records(output.files[0].text).compactMap { $0["lr"] }

        #expect(rates[0] == 6e-6)
        #expect(rates[49] == 3e-4)
        #expect(abs((rates.last ?? 0) - 3e-5) < 1e-7)
    }

    @Test func seedsDivisibleByThreeResumeAndReplaySteps() throws {
        let output = try #require(TrainingScenario.generate("clean", Self.parameters(seed: 3)))
        let steps = Self.records(output.files[1].text).filter { $0["loss"] != nil }.compactMap {
            $0["step"]
        }
        let rewinds = zip(steps, steps.dropFirst()).filter { $1 < $0 }

        #expect(rewinds.count == 1)
        #expect(steps.last == 600)
        #expect(Set(steps).count == 600)
    }

    @Test func spikeScenarioHasTheJumpWhereItExpectsIt() throws {
        let run = try #require(TrainingScenario.run("spike", Self.parameters(seed: 8)))
        let expected = try #require(run.expected.first)
        let rank = try #require(expected.rank)
        let step = Int(try #require(expected.startStep))
        let losses = run.ranks[rank].filter { $0.step == step || $0.step == step - 1 }
            .compactMap { record in record.values.first { $0.name == "loss" }?.value }

        #expect(run.expected.count == 1)
        #expect(expected.detector == "loss_spike")
        #expect(losses.count == 2)
        #expect(losses[1] > 2.8 * losses[0])
    }

    @Test func lossScaleScenarioHalvesEveryStepFromTheFaultAndEndsTheRun() throws {
        let run = try #require(TrainingScenario.run("loss-scale", Self.parameters(seed: 10)))
        let step = Int(try #require(run.expected.first?.startStep))
        let scales = run.ranks[0].compactMap { record in
            record.values.first { $0.name == "loss_scale" }.map { (record.step, $0.value) }
        }
        let after = scales.filter { $0.0 >= step - 1 }

        #expect(zip(after, after.dropFirst()).allSatisfy { $1.1 == $0.1 / 2 })
        #expect(scales.last?.0 == step + 60)
    }
}
