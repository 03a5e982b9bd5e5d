#if canImport(Glibc)
    import Glibc
#endif

/// The one fault a training scenario injects, with where and on which rank, and how it
/// changes a step's values.
enum TrainingFault {
    case none
    /// One rank's loss jumps `factor`× for a step and falls back over two more.
    case spike(rank: Int, step: Int, factor: Double)
    /// One rank's loss and the global gradient norm go NaN; the other ranks' loss follows
    /// a step later (the all-reduce spreads it).
    case nan(rank: Int, step: Int)
    /// The loss grows by e every `efold` steps on every rank until it is NaN.
    case diverge(step: Int, efold: Double)
    /// The loss stops falling on every rank.
    case plateau(step: Int)
    /// One validation domain rises by `rise` at each evaluation after `step` (evaluations
    /// are `every` steps apart) while train keeps falling.
    case overfit(step: Int, domain: String, every: Int, rise: Double)
    /// The gradient norm jumps `factor`× for two steps.
    case gradExplosion(step: Int, factor: Double)
    /// Every step overflows from `step`: the loss scale halves each step, updates are
    /// skipped and the loss stops moving.
    case lossScale(step: Int)
    /// Forward and backward take `factor`× longer on every rank.
    case throughputDrop(step: Int, factor: Double)
    /// One rank's data loading takes about `seconds` per step for `length` steps.
    case dataStall(rank: Int, step: Int, length: Int, seconds: Double)

    /// Changes `values` for this fault.
    func apply(to values: inout TrainingStep, memory: inout FaultMemory) {
        let step = values.step
        switch self {
        case .none:
            return
        case .spike(let rank, let start, let factor):
            let tail = [factor, 1 + (factor - 1) / 4, 1 + (factor - 1) / 12]
            if step >= start && step - start < tail.count {
                values.lossFactor[rank] *= tail[step - start]
            }
        case .nan(let rank, let start):
            guard step >= start else { return }
            values.gradNorm = .nan
            for other in values.lossNaN.indices where other == rank || step > start {
                values.lossNaN[other] = true
            }
        case .diverge(let start, let efold):
            applyDivergence(to: &values, start: start, efold: efold, memory: &memory)
        case .plateau(let start), .lossScale(let start):
            guard step >= start else { return }
            if memory.frozenLevel == nil { memory.frozenLevel = values.level }
            values.level = memory.frozenLevel ?? values.level
        case .overfit:
            return
        case .gradExplosion(let start, let factor):
            if step == start || step == start + 1 { values.gradNorm *= factor }
        case .throughputDrop(let start, let factor):
            guard step >= start else { return }
            values.forward = values.forward.map { $0 * factor }
            values.backward = values.backward.map { $0 * factor }
        case .dataStall(let rank, let start, let length, let seconds):
            guard step >= start && step < start + length else { return }
            values.data[rank] = seconds * (values.data[rank] / TrainingRunModel.dataSeconds)
        }
    }

    /// Raises the overfitting domain's validation loss at evaluations after the fault.
    func adjustValidation(_ values: inout TrainingStep) {
        guard case .overfit(let start, let domain, let every, let rise) = self, values.step > start
        else { return }
        let evaluations = (Double(values.step - start) / Double(every)).rounded(.up)
        values.validation = values.validation.map { item in
            item.domain == domain ? (item.domain, item.value * (1 + rise * evaluations)) : item
        }
    }

    /// True when this fault makes step `step` overflow in fp16 (the scale is cut).
    func overflows(at step: Int) -> Bool {
        if case .lossScale(let start) = self { return step >= start }
        return false
    }

    /// True when the run is fp16 whatever the seed says, or bf16 (no loss scale).
    var precision: Bool? {
        switch self {
        case .lossScale: return true
        case .nan, .diverge: return false
        default: return nil
        }
    }

    private func applyDivergence(
        to values: inout TrainingStep, start: Int, efold: Double, memory: inout FaultMemory
    ) {
        guard values.step >= start else { return }
        if memory.startLevel == nil { memory.startLevel = values.level }
        let growth = exp(Double(values.step - start) / efold)
        guard growth < 6 else {
            values.lossNaN = values.lossNaN.map { _ in true }
            values.gradNorm = .nan
            return
        }
        values.level = (memory.startLevel ?? values.level) * growth
        values.gradNorm *= growth * growth
    }
}
