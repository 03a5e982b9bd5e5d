#if canImport(Glibc)
    import Glibc
#endif

/// A synchronised data-parallel training run, step by step: learning rate with linear
/// warm-up and cosine decay to a tenth, a loss that falls as a power of the learning
/// done so far, batch noise per rank, a global gradient norm, fp16 loss scaling with
/// start-up calibration and rare overflow skips (logged as an infinite gradient norm),
/// per-rank phase times where the ranks wait for the slowest one inside backward,
/// evaluations on two validation domains, and optionally a crash and resume from the
/// last checkpoint that replays the steps after it.
struct TrainingRunModel {
    /// Data loading seconds per step on a healthy rank.
    static let dataSeconds = 0.02
    /// Tokens each rank processes per step.
    static let tokensPerStep = 16384.0
    /// Validation domains and how far above the train loss each sits.
    static let domains: [(name: String, gap: Double)] = [("web", 1.04), ("code", 1.09)]

    /// A crash after `crash` and a restart from `checkpoint` after `gap` seconds.
    struct Resume {
        var crash: Int
        var checkpoint: Int
        var gap: Double
    }

    let parameters: SynthParameters
    let fault: TrainingFault
    let fp16: Bool
    let resume: Resume?
    let evalEvery: Int
    let lastStep: Int
    private var random: SeededRandom
    private var learningRates: [Double] = []
    private var levels: [Double] = []
    private var state = ScaleState()
    private var memory = FaultMemory()
    private var time: Double
    private var records: [[TrainingRecord]]

    /// fp16 bookkeeping that a resume rolls back to the checkpoint.
    struct ScaleState {
        var scale = 65536.0
        var skipped = 0.0
        var cleanSteps = 0
    }

    /// Creates a model; `random` draws the noise.
    init(
        parameters: SynthParameters, fault: TrainingFault, fp16: Bool, resume: Resume?,
        evalEvery: Int, lastStep: Int, random: SeededRandom
    ) {
        self.parameters = parameters
        self.fault = fault
        self.fp16 = fp16
        self.resume = resume
        self.evalEvery = evalEvery
        self.lastStep = lastStep
        self.random = random
        time = parameters.startTime
        records = Array(repeating: [], count: parameters.ranks)
        (learningRates, levels) = Self.schedule(steps: parameters.steps)
    }

    /// The learning rate and noise-free loss of every step (index 0 is step 1).
    static func schedule(steps: Int) -> ([Double], [Double]) {
        let warmup = max(10, steps / 20)
        let peak = 3e-4
        var rates: [Double] = []
        var levels: [Double] = []
        var learned = 0.0
        for step in 1...max(1, steps) {
            let rate: Double
            if step <= warmup {
                rate = peak * Double(step) / Double(warmup)
            } else {
                let progress = Double(step - warmup) / Double(max(1, steps - warmup))
                rate = peak * (0.1 + 0.45 * (1 + cos(Double.pi * progress)))
            }
            learned += rate / peak
            rates.append(rate)
            levels.append(2 + 8.5 * pow(1 + learned / (Double(steps) / 60), -0.6))
        }
        return (rates, levels)
    }

    /// Runs the whole log and returns each rank's records.
    mutating func run() -> [[TrainingRecord]] {
        var checkpoint = ScaleState()
        var step = 1
        var restartedAt: Int?
        while step <= lastStep {
            if let resume, step == resume.checkpoint + 1, restartedAt == nil { checkpoint = state }
            simulate(step, restartedAt: restartedAt)
            if let resume, step == resume.crash, restartedAt == nil {
                state = checkpoint
                time += resume.gap
                restartedAt = resume.checkpoint + 1
                step = resume.checkpoint + 1
                continue
            }
            step += 1
        }
        return records
    }

    private mutating func simulate(_ step: Int, restartedAt: Int?) {
        var values = healthy(step, restartedAt: restartedAt)
        fault.apply(to: &values, memory: &memory)
        if fp16 { scale(&values) }
        if step % evalEvery == 0 { evaluate(&values) }
        write(values)
    }

    private mutating func healthy(_ step: Int, restartedAt: Int?) -> TrainingStep {
        let ranks = parameters.ranks
        let noise = parameters.noise
        let coldStart = step <= 3 || (restartedAt.map { step < $0 + 3 } ?? false)
        let lossFactor = (0..<ranks).map { _ in 1 + noise * random.normal() }
        let warmup = Double(max(10, parameters.steps / 20))
        let gradNorm = (0.6 + 3 * exp(-Double(step) / warmup)) * exp(0.15 * random.normal())
        let data = (0..<ranks).map { _ in
            Self.dataSeconds * exp(0.2 * random.normal()) * (coldStart ? 3 : 1)
        }
        let forward = (0..<ranks).map { _ in
            0.12 * exp(0.03 * random.normal()) * (coldStart ? 4 : 1)
        }
        let backward = (0..<ranks).map { _ in 0.24 * exp(0.03 * random.normal()) }
        return TrainingStep(
            step: step, lr: learningRates[step - 1], level: levels[step - 1],
            lossFactor: lossFactor, lossNaN: Array(repeating: false, count: ranks),
            gradNorm: gradNorm, data: data, forward: forward, backward: backward,
            optimizer: Array(repeating: 0.03, count: ranks))
    }

    private mutating func scale(_ values: inout TrainingStep) {
        let calibration = values.step <= 3
        let rare = values.step > 10 && random.uniform() < 1.0 / 1500
        if calibration || rare || fault.overflows(at: values.step) {
            state.scale /= 2
            state.skipped += 1
            state.cleanSteps = 0
            values.gradNorm = .infinity
        } else {
            state.cleanSteps += 1
            if state.cleanSteps >= 1000 {
                state.scale *= 2
                state.cleanSteps = 0
            }
        }
        values.lossScale = state.scale
        values.skipped = state.skipped
    }

    private mutating func evaluate(_ values: inout TrainingStep) {
        values.validation = Self.domains.map { domain in
            (domain.name, values.level * domain.gap * (1 + 0.003 * random.normal()))
        }
        fault.adjustValidation(&values)
    }

    private mutating func write(_ values: TrainingStep) {
        let works = values.data.indices.map { values.ownWork(rank: $0) }
        let slowest = works.max() ?? 0
        var longest = 0.0
        for rank in values.data.indices {
            let wait = slowest - works[rank]
            let stepTime = works[rank] + wait + values.optimizer[rank] + 0.004
            longest = max(longest, stepTime)
            var fields: [(name: String, value: Double)] = [
                ("loss", values.loss(rank: rank)), ("grad_norm", values.gradNorm),
                ("lr", values.lr),
                ("tokens_per_second", Self.tokensPerStep / stepTime), ("step_time", stepTime),
                ("data_time", values.data[rank]), ("forward_time", values.forward[rank]),
                ("backward_time", values.backward[rank] + wait),
            ]
            if let scale = values.lossScale, let skipped = values.skipped {
                fields += [("loss_scale", scale), ("skipped_steps", skipped)]
            }
            let rounded = fields.map { field in
                (
                    field.name,
                    field.name == "loss_scale" ? field.value : Self.significant(field.value)
                )
            }
            let stamp = Self.rounded(time + Double(rank) * 0.0007, 3)
            records[rank].append(TrainingRecord(step: values.step, time: stamp, values: rounded))
        }
        time += longest

        guard !values.validation.isEmpty else { return }
        let fields = values.validation.map {
            (name: "val_loss_\($0.domain)", value: Self.significant($0.value))
        }
        records[0].append(
            TrainingRecord(step: values.step, time: Self.rounded(time, 3), values: fields))
        time += 1
    }

    /// `value` with six significant digits, so the text and the in-memory run agree and
    /// the files stay small (the loss scale, a power of two, is written exactly).
    static func significant(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        let digits = 5 - Int(log10(abs(value)).rounded(.down))
        return abs(digits) > 290 ? value : rounded(value, digits)
    }

    /// `value` with `decimals` digits after the point (negative: before it).
    static func rounded(_ value: Double, _ decimals: Int) -> Double {
        let scale = pow(10, Double(abs(decimals)))
        return decimals >= 0 ? (value * scale).rounded() / scale : (value / scale).rounded() * scale
    }
}
