import Foundation
import Testing

@testable import RunLens

/// Training rules seen through `runlens analyze`, as a user sees them.
struct TrainingRulesEndToEndTests {
    /// Loss 3·e^(−s/100) + 0.5 with a 4× jump at step 200 (0.906 to 3.624, above twice the
    /// trailing mean 1.201): a critical spike that fails the run.
    @Test func jumpWhileTheLossFallsFastFailsTheRun() throws {
        let directory = try InputFixtures.scratchDirectory()
        let log = directory.appendingPathComponent("decay.jsonl")
        let lines = (1...400).map { step in
            let loss = (3 * exp(-Double(step) / 100) + 0.5) * (step == 200 ? 4 : 1)
            return "{\"step\": \(step), \"loss\": \(loss)}"
        }
        try lines.joined(separator: "\n").write(to: log, atomically: true, encoding: .utf8)

        let run = try BinaryRunner.run(["analyze", log.path])

        #expect(run.stdout.hasPrefix("FAIL: 1 critical"), "\(run.stdout)")
        let rows = CSVTestReader.records(run.output("incidents.csv"))
        #expect(rows.count == 1)
        #expect(rows.first?["detector"] == "loss_spike")
        #expect(rows.first?["severity"] == "critical")
        #expect(rows.first?["start_step"] == "200")
    }

    /// Loss 2 + e^(−s/500) on steps 1–1500, with `high` giving other values by step.
    static func analyzeCurve(_ high: (Int) -> Double?) throws -> [[String: String]] {
        let directory = try InputFixtures.scratchDirectory()
        let log = directory.appendingPathComponent("curve.jsonl")
        let lines = (1...1500).map { step in
            let loss = high(step) ?? 2 + exp(-Double(step) / 500)
            return "{\"step\": \(step), \"loss\": \(loss)}"
        }
        try lines.joined(separator: "\n").write(to: log, atomically: true, encoding: .utf8)
        let run = try BinaryRunner.run(["analyze", log.path, "--fail-on", "never"])
        #expect(run.status == 0, "\(run.stderr)")
        return CSVTestReader.records(run.output("incidents.csv"))
    }

    /// 8.0 on `length` steps from 1000, then the curve again (2.135 at step 1000 + length):
    /// above twice the trailing mean (about 2.15), and back under its recovered level (that
    /// mean + 5%) at once. A spike that recovered at step 1000 + length, no divergence.
    @Test(arguments: [5, 8])
    func multiStepSpikeThatComesBackIsASpikeNotADivergence(_ length: Int) throws {
        let rows = try Self.analyzeCurve { (1000..<1000 + length).contains($0) ? 8.0 : nil }

        #expect(!rows.contains { $0["detector"] == "divergence" })
        let spikes = rows.filter { $0["detector"] == "loss_spike" }
        #expect(spikes.count == 1)
        #expect(spikes.first?["start_step"] == "1000")
        #expect(spikes.first?["end_step"] == "\(999 + length)")
        let message = spikes.first?["message"] ?? ""
        #expect(message.contains("recovered at step \(1000 + length) ("), "\(message)")
        #expect(message.contains("costing \(length) steps"), "\(message)")
    }

    /// 8.0 from step 1000 on: the 20-point average of the loss, from its minimum 2.138,
    /// passes 1.5× that (3.207) at the third point of 8 (2.138 + 5.862 × (1 − (19/21)^3)
    /// = 3.66; two points give 3.20), so the rule holds from 1002 and fires at 1006, its
    /// fifth point, 7 of the last 10 raw points high. The stretch starts at the jump.
    @Test func lossThatJumpsAndStaysIsADivergenceFromTheJump() throws {
        let rows = try Self.analyzeCurve { $0 >= 1000 ? 8.0 : nil }

        let divergences = rows.filter { $0["detector"] == "divergence" }
        #expect(divergences.count == 1)
        #expect(divergences.first?["start_step"] == "1000")
        #expect(!rows.contains { $0["detector"] == "loss_spike" })
    }

    /// Case 10 with the ratio raised to 2: validation rises at 23 and 27, and is 2.48× the
    /// train loss at 27; the warning still starts at the first rise.
    @Test func overfittingStartsAtTheFirstRiseWithARaisedRatio() throws {
        let directory = try InputFixtures.scratchDirectory()
        let config = directory.appendingPathComponent("ratio.json")
        try #"{"training": {"overfitting": {"ratio": 2}}}"#.write(
            to: config, atomically: true, encoding: .utf8)

        let run = try BinaryRunner.run([
            "analyze", BinaryRunner.fixture("cases/10-keras-csvlogger-valfreq.csv"), "--config",
            config.path,
        ])

        #expect(run.status == 0, "\(run.stderr)")
        let rows = CSVTestReader.records(run.output("incidents.csv"))
        let overfitting = rows.filter { $0["detector"] == "overfitting" }
        #expect(overfitting.count == 1)
        #expect(overfitting.first?["start_step"] == "23")
        #expect(overfitting.first?["end_step"] == "39")
    }

    /// `synth data-stall --seed 2 --steps 500` stalls rank 1 from step 220; two of the
    /// stall's points fall below compute, which must neither split it nor delay it past
    /// the lag its expectations allow.
    @Test func dataStallWithNoisyPointsStartsWhereItWasInjected() throws {
        let synth = try BinaryRunner.run([
            "synth", "data-stall", "--seed", "2", "--steps", "500", "-o", "run",
        ])
        #expect(synth.status == 0, "\(synth.stderr)")
        let expected = try Data(
            contentsOf: synth.directory.appendingPathComponent("run.expected.json"))
        let document = try JSONSerialization.jsonObject(with: expected) as? [String: Any]
        let promised = try #require((document?["expected"] as? [[String: Any]])?.first)
        let start = try #require(promised["startStep"] as? Double)
        let lag = try #require(promised["maxLag"] as? Double)

        let folder = synth.directory.appendingPathComponent("run")
        let analysis = try BinaryRunner.run(["analyze", folder.path])

        let rows = CSVTestReader.records(analysis.output("incidents.csv"))
        let stalls = rows.filter { $0["detector"] == "data_bottleneck" && $0["rank"] == "1" }
        #expect(stalls.count == 1)
        let found = try #require(stalls.first?["start_step"].flatMap(Double.init))
        #expect(abs(found - start) <= lag, "started at \(found), expected \(start) ± \(lag)")
    }
}
