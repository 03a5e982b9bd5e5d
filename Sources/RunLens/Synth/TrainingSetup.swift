/// Where a training scenario puts its fault, and what a correct analysis reports for it.
struct TrainingSetup {
    var fault = TrainingFault.none
    var fp16: Bool
    var resume: TrainingRunModel.Resume?
    var evalEvery: Int
    var lastStep: Int
    var expected: [ExpectedIncident] = []
    /// Ids that may fire as a consequence of the fault without being required.
    var allowed: [String] = []

    init(name: String, parameters: SynthParameters, random: inout SeededRandom) {
        let steps = parameters.steps
        let ranks = parameters.ranks
        fp16 = random.uniform() < 0.5
        evalEvery = max(20, steps / 10)
        lastStep = steps
        if parameters.seed % 3 == 0 {
            let crash = Int(Double(steps) * (0.15 + 0.15 * random.uniform()))
            let checkpoint = max(0, ((crash - 1) / 50) * 50)
            resume = .init(crash: crash, checkpoint: checkpoint, gap: 300 + 600 * random.uniform())
        }

        let rank = min(ranks - 1, Int(random.uniform() * Double(ranks)))
        let middle = Int(Double(steps) * (0.4 + 0.2 * random.uniform()))
        let early = Int(Double(steps) * (0.3 + 0.1 * random.uniform()))
        let factor = random.uniform()
        place(
            name, rank: rank, middle: middle, early: early, factor: factor, parameters: parameters)
        if let precision = fault.precision { fp16 = precision }
    }

    private mutating func place(
        _ name: String, rank: Int, middle: Int, early: Int, factor: Double,
        parameters: SynthParameters
    ) {
        let steps = parameters.steps
        let everyRank = Array(0..<parameters.ranks)
        switch name {
        case "spike":
            fault = .spike(rank: rank, step: middle, factor: 3 + 1.5 * factor)
            expect("loss_spike", .critical, metric: "loss", ranks: [rank], at: middle, lag: 2)
        case "nan":
            fault = .nan(rank: rank, step: middle)
            expect("divergence", .critical, ranks: everyRank, at: middle, lag: 1)
        case "diverge":
            let efold = Double(steps) / 30
            fault = .diverge(step: middle, efold: efold)
            expect("divergence", .critical, ranks: everyRank, at: middle, lag: efold)
            allowed = ["loss_spike", "grad_explosion"]
        case "plateau":
            fault = .plateau(step: early)
            expect(
                "loss_plateau", .warning, metric: "loss", ranks: everyRank, at: early,
                lag: 0.12 * Double(steps))
        case "overfit":
            fault = .overfit(step: middle, domain: "code", every: evalEvery, rise: 0.06)
            let first = (middle / evalEvery + 1) * evalEvery
            expect(
                "overfitting", .warning, metric: "val_loss_code", ranks: [0], at: first,
                lag: Double(2 * evalEvery))
        case "grad-explosion":
            fault = .gradExplosion(step: middle, factor: 20 + 30 * factor)
            expect(
                "grad_explosion", .warning, metric: "grad_norm", ranks: everyRank, at: middle,
                lag: 1)
        case "loss-scale":
            fault = .lossScale(step: middle)
            lastStep = min(steps, middle + 60)
            expect(
                "loss_scale_collapse", .critical, metric: "loss_scale", ranks: everyRank,
                at: middle, lag: 1)
            allowed = ["loss_plateau"]
        case "throughput-drop":
            fault = .throughputDrop(step: middle, factor: 1.7)
            let ranks: [Int?] = parameters.ranks >= 2 ? [nil] : [0]
            expect(
                "throughput_drop", .warning, metric: "tokens_per_second", ranks: ranks, at: middle,
                lag: 5)
        case "data-stall":
            let length = max(80, steps / 8)
            fault = .dataStall(rank: rank, step: middle, length: length, seconds: 0.55)
            expect(
                "data_bottleneck", .warning, metric: "data_time", ranks: [rank], at: middle, lag: 10
            )
            allowed = ["throughput_drop"]
        default:
            return
        }
    }

    private mutating func expect(
        _ detector: String, _ severity: Severity, metric: String? = nil, ranks: [Int?],
        at step: Int, lag: Double
    ) {
        for rank in ranks {
            expected.append(
                ExpectedIncident(
                    detector: detector, severity: severity, metric: metric, rank: rank,
                    startStep: Double(step), maxLag: lag))
        }
    }
}
