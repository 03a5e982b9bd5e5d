/// The values of one training step on every rank, before they are written: what the
/// healthy model produced, then what a fault changed.
struct TrainingStep {
    /// The step number.
    var step: Int
    /// Learning rate (the same on every rank).
    var lr: Double
    /// The noise-free train loss level.
    var level: Double
    /// Per rank, the factor between the level and the logged loss (batch noise).
    var lossFactor: [Double]
    /// Per rank, true when the logged loss is NaN.
    var lossNaN: [Bool]
    /// Global gradient norm (all-reduced, so the same on every rank).
    var gradNorm: Double
    /// Loss scale and cumulative skipped steps, for fp16 runs.
    var lossScale: Double?
    var skipped: Double?
    /// Seconds per phase and rank, before the all-reduce wait is added.
    var data: [Double]
    var forward: [Double]
    var backward: [Double]
    var optimizer: [Double]
    /// Validation loss per domain, on evaluation steps.
    var validation: [(domain: String, value: Double)] = []

    /// The logged loss of `rank`.
    func loss(rank: Int) -> Double {
        lossNaN[rank] ? .nan : level * lossFactor[rank]
    }

    /// The seconds `rank` spends before the all-reduce: its own data and compute.
    func ownWork(rank: Int) -> Double {
        data[rank] + forward[rank] + backward[rank]
    }
}

/// What a fault remembers from step to step.
struct FaultMemory {
    /// The loss level a plateau holds.
    var frozenLevel: Double?
    /// The loss level where a divergence began.
    var startLevel: Double?
}
