import Foundation

/// A synchronised data-parallel run, step by step: each rank loads data, runs forward and
/// backward, waits for the slowest rank at the gradient all-reduce (the wait shows in its
/// backward time), then steps the optimizer. Step time is the same on every rank; GPU
/// memory, utilisation and temperature are logged every `hardwareEvery` steps.
struct FleetRunModel {
    /// Healthy seconds per step of each phase.
    static let dataSeconds = 0.08
    static let forwardSeconds = 0.30
    static let backwardSeconds = 0.60
    static let allReduceSeconds = 0.12
    static let optimizerSeconds = 0.05
    /// Tokens each rank processes per step.
    static let tokensPerStep = 32_768.0
    /// Healthy allocated GPU memory in GB after warm-up.
    static let memoryGB = 38.0
    /// Steps between hardware samples.
    static let hardwareEvery = 5
    /// Steps between evaluations, where every rank stalls once.
    static let evalEvery = 500

    let parameters: SynthParameters
    let faults: FleetFaults
    private var random: SeededRandom
    private var lines: [[String]]
    private var clock: Double
    /// When the leak began, epoch seconds.
    private var leakStart = Double.nan

    init(parameters: SynthParameters, faults: FleetFaults) {
        self.parameters = parameters
        self.faults = faults
        random = SeededRandom(seed: parameters.seed &* 0x9E37_79B9 &+ 17)
        lines = Array(repeating: [], count: parameters.ranks)
        clock = parameters.startTime
    }

    /// Relative jitter of the timings.
    var jitter: Double { max(parameters.noise, 0.005) }

    /// Runs every step and returns one JSON Lines text per rank.
    mutating func run() -> [String] {
        for step in 1...parameters.steps { advance(step) }
        return lines.map { $0.joined(separator: "\n") + "\n" }
    }

    private mutating func advance(_ step: Int) {
        var phases: [StepPhases] = []
        for rank in 0..<parameters.ranks { phases.append(ownWork(rank: rank, step: step)) }
        let arrival = phases.map { $0.data + $0.forward + $0.backward }.max() ?? 0

        var longest = 0.0
        for rank in phases.indices {
            phases[rank].wait =
                arrival - (phases[rank].data + phases[rank].forward + phases[rank].backward)
            longest = max(longest, phases[rank].stepTime)
        }
        clock += longest
        if step == faults.leak?.from { leakStart = clock }
        for rank in phases.indices { write(rank: rank, step: step, phases: phases[rank]) }
    }

    /// One rank's own work in a step, before any waiting.
    private mutating func ownWork(rank: Int, step: Int) -> StepPhases {
        var data = Self.dataSeconds * factor()
        if random.uniform() < 0.005 { data *= 3 + 3 * random.uniform() }
        if step % Self.evalEvery == 0 { data += 4 }
        var compute = computeSlowdown(rank: rank, step: step)
        if let straggler = faults.straggler, straggler.rank == rank, step >= straggler.from {
            if straggler.onData { data *= straggler.factor } else { compute *= straggler.factor }
        }
        return StepPhases(
            data: data, forward: Self.forwardSeconds * factor() * compute,
            backward: Self.backwardSeconds * factor() * compute,
            optimizer: Self.optimizerSeconds * factor())
    }

    /// How much slower a degraded rank computes at `step`.
    private func computeSlowdown(rank: Int, step: Int) -> Double {
        guard let degraded = faults.degraded, degraded.ranks.contains(rank) else { return 1 }
        let healthy =
            Self.dataSeconds + Self.forwardSeconds + Self.backwardSeconds
            + Self.allReduceSeconds + Self.optimizerSeconds
        let compute = Self.forwardSeconds + Self.backwardSeconds
        let finalSlowdown = 1 + healthy * (1 / (1 - degraded.drop) - 1) / compute
        let progress = Double(step) / Double(parameters.steps)
        return 1 + (finalSlowdown - 1) * progress
    }

    private mutating func factor() -> Double {
        max(0.2, 1 + jitter * random.normal())
    }

    private mutating func write(rank: Int, step: Int, phases: StepPhases) {
        let busy =
            phases.data + phases.forward + phases.backward + Self.allReduceSeconds
            + phases.optimizer
        let loss = 2.2 + 8.5 * exp(-Double(step) / (0.15 * Double(parameters.steps)))
        var fields: [(String, String)] = [
            ("step", "\(step)"), ("rank", "\(rank)"),
            ("timestamp", Self.number(clock + 0.001 * Double(rank), 3)),
            ("loss", Self.number(loss * (1 + parameters.noise * random.normal()), 4)),
            ("step_time", Self.number(phases.stepTime, 4)),
            ("data_time", Self.number(phases.data, 4)),
            ("forward_time", Self.number(phases.forward, 4)),
            (
                "backward_time",
                Self.number(phases.backward + phases.wait + Self.allReduceSeconds, 4)
            ),
            ("tokens_per_second", Self.number(Self.tokensPerStep / busy, 1)),
        ]
        if step % Self.hardwareEvery == 0 { fields += hardware(rank: rank, step: step) }
        let body = fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ")
        lines[rank].append("{" + body + "}")
    }

    /// GPU memory (GB), utilisation (%) and temperature (°C) of a rank at a step.
    private mutating func hardware(rank: Int, step: Int) -> [(String, String)] {
        let memory = memoryGB(rank: rank, step: step) + 0.01 * random.normal()
        var util = min(100, 93 + 3 * random.normal())
        if step % Self.evalEvery == 0 { util = 15 + 5 * random.uniform() }
        if let low = faults.lowUtil, low.rank == rank, step >= low.from, step < low.to {
            util = low.level + 4 * random.normal()
        }
        let drift = 2 * sin(Double(step) / 300 + Double(rank))
        var temperature = 66 + 6 * util / 100 + drift + 0.5 * random.normal()
        if let hot = faults.overheat, hot.rank == rank {
            temperature += heat(hot, step: step, base: temperature)
        }
        return [
            ("gpu_memory_allocated", Self.number(memory, 3)),
            ("gpu_util", Self.number(max(0, util), 1)),
            ("gpu_temp", Self.number(temperature, 1)),
        ]
    }

    /// Degrees added by an overheating stretch: a 20-step ramp up to its level, the level
    /// held, a 20-step ramp down.
    private func heat(_ hot: FleetFaults.Stretch, step: Int, base: Double) -> Double {
        let ramp = 20.0
        let up = min(max((Double(step - hot.from) + ramp) / ramp, 0), 1)
        let down = min(max((Double(hot.to - step) + ramp) / ramp, 0), 1)
        return max(0, hot.level - base) * min(up, down)
    }

    /// Allocated GPU memory in GB before sensor noise: warm-up, sawtooth, leak.
    private func memoryGB(rank: Int, step: Int) -> Double {
        let warmup = max(20, parameters.steps / 50)
        guard step > warmup else {
            return Self.memoryGB * (0.55 + 0.45 * Double(step) / Double(warmup))
        }
        var memory = Self.memoryGB
        if let period = faults.sawtoothPeriod {
            let phase = Double((step - warmup) % period) / Double(period)
            memory *= 1 + 0.4 * phase
        }
        if let leak = faults.leak, leak.rank == rank, clock > leakStart {
            let hours = (clock - leakStart) / 3600
            memory += Self.memoryGB * leak.percentPerHour / 100 * hours
        }
        return memory
    }

    /// `value` rounded to `decimals` places, as JSON.
    static func number(_ value: Double, _ decimals: Int) -> String {
        NumberFormat.exact(
            (value * pow(10, Double(decimals))).rounded() / pow(10, Double(decimals)))
    }
}

/// Seconds one rank spends in each phase of a step.
struct StepPhases {
    var data: Double
    var forward: Double
    var backward: Double
    var optimizer: Double
    /// Seconds waiting at the all-reduce for the slowest rank.
    var wait = 0.0

    /// Data, forward, backward with the wait and the all-reduce, optimizer.
    var stepTime: Double {
        data + forward + backward + wait + FleetRunModel.allReduceSeconds + optimizer
    }
}
