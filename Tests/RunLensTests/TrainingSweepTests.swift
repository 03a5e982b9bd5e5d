import Testing

@testable import RunLens

/// Every training scenario over many seeds, two noise levels and two run lengths, fed
/// straight to the training detectors: each injected incident must be found (right id,
/// rank, metric, severity, start within the stated lag) and no forbidden detector may
/// fire at warning or above; on `clean` that is every detector.
struct TrainingSweepTests {
    static let seeds = UInt64(1)...20
    static let noises = [0.01, 0.03]
    static let lengths = [600, 3000]

    @Test(arguments: TrainingScenario.names)
    func everyInjectedIncidentIsFoundWithoutFalseAlarms(scenario: String) {
        var found = 0
        var injected = 0
        var falseAlarms = 0
        for seed in Self.seeds {
            for noise in Self.noises {
                for steps in Self.lengths {
                    var parameters = SynthParameters()
                    parameters.seed = seed
                    parameters.noise = noise
                    parameters.steps = steps
                    guard let run = TrainingScenario.run(scenario, parameters) else {
                        Issue.record("no scenario \(scenario)")
                        return
                    }
                    let incidents = SynthFeed.incidents(
                        SynthFeed.feed(run), detectors: TrainingDetectors.make(),
                        rules: TrainingDetectors.rules())
                    let verdict = SweepVerdict(
                        incidents: incidents, expected: run.expected, forbidden: run.forbidden)
                    found += verdict.found
                    injected += verdict.injected
                    falseAlarms += verdict.falseAlarms.count
                    report(
                        verdict, scenario: scenario, seed: seed, noise: noise, steps: steps,
                        incidents: incidents)
                }
            }
        }
        print("sweep \(scenario): found \(found)/\(injected), false alarms \(falseAlarms)")
        #expect(found == injected)
        #expect(falseAlarms == 0)
    }

    private func report(
        _ verdict: SweepVerdict, scenario: String, seed: UInt64, noise: Double, steps: Int,
        incidents: [Incident]
    ) {
        let label = "\(scenario) seed \(seed) noise \(noise) steps \(steps)"
        let seen = incidents.map(Self.describe).joined(separator: "; ")
        for item in verdict.missed {
            let rank = item.rank.map(String.init) ?? "-"
            let expected =
                "\(item.detector) rank \(rank) at \(item.startStep ?? -1) ± \(item.maxLag)"
            Issue.record("missed in \(label): \(expected); found \(seen)")
        }
        for incident in verdict.falseAlarms {
            Issue.record("false alarm in \(label): \(Self.describe(incident)): \(incident.message)")
        }
    }

    static func describe(_ incident: Incident) -> String {
        let rank = incident.rank.map(String.init) ?? "-"
        return "\(incident.detector) rank \(rank) from \(incident.startStep ?? -1)"
    }
}
