/// The part of a step one series of a rank measures.
enum StragglerComponent: Equatable {
    /// Waiting for input (`data_time`).
    case data
    // TODO(#4): with sharded parameters (FSDP, ZeRO-3) forward holds all-gather waits, yet it
    // is never treated as a shadow; recognising a sharded run from its log would fix it.
    /// Forward pass: own work before the gradient all-reduce.
    case forward
    /// Backward or other compute; in data-parallel training it ends at the all-reduce, so
    /// it also holds the time a rank waits for the others.
    case backward
    /// The optimizer step: not scored (sharded optimizers gather inside it).
    case optimizer
    /// The whole step: evened out by the collectives, so scored only when no compute time
    /// is logged.
    case step

    /// The component a series measures, or `nil` when it is none.
    init?(_ descriptor: SeriesDescriptor) {
        let name = RoleMatcher.normalize(descriptor.name)
        switch descriptor.info.role {
        case .dataTime: self = .data
        case .stepTime: self = .step
        case .computeTime:
            if name.contains("optim") {
                self = .optimizer
            } else if name.contains("forward") || name.contains("fwd") {
                self = .forward
            } else {
                self = .backward
            }
        default: return nil
        }
    }
}

/// A rank's work metric that ranks are compared on.
enum StragglerKind: Int, CaseIterable, Comparable {
    /// Data-wait time.
    case data
    /// Forward time alone: own compute that no collective inflates.
    case forward
    /// Forward plus backward time.
    case compute
    /// Step time, standing in for compute time when the log has none (beside data time,
    /// if logged): a rank's own work is compute or data time, else step time.
    case step

    /// The components summed into this metric.
    var components: [StragglerComponent] {
        switch self {
        case .data: return [.data]
        case .forward: return [.forward]
        case .compute: return [.forward, .backward]
        case .step: return [.step]
        }
    }

    /// True when the metric may hold time spent waiting for other ranks at a collective,
    /// so an excess in it can be the shadow of another rank's slowness.
    var mayHoldWaits: Bool {
        self == .compute || self == .step
    }

    static func < (lhs: StragglerKind, rhs: StragglerKind) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
