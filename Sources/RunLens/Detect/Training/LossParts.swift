/// Which loss series stand aside for a whole loss: a part (`train/aux_loss`) on a rank that
/// also logs a whole loss of its kind (`train/loss`) is left to that loss, which the
/// detectors judge; a part is judged on its own only where no whole loss is logged
/// (Ultralytics' `train/box_loss`, `train/obj_loss`, `train/cls_loss`).
///
/// Decided once every series is known, since a whole loss may first appear after its parts.
struct LossParts {
    /// The indices of the part series that stand aside.
    private(set) var standingAside: Set<Int> = []

    /// Looks at every series of a run, `descriptors` by series index.
    init(_ descriptors: [SeriesDescriptor]) {
        var wholes: Set<WholeKey> = []
        for descriptor in descriptors where descriptor.info.lossPart == nil {
            guard let role = descriptor.info.role, Self.isLoss(role) else { continue }
            wholes.insert(WholeKey(rank: descriptor.key.rank, role: role))
        }
        for (index, descriptor) in descriptors.enumerated() where descriptor.info.lossPart != nil {
            guard let role = descriptor.info.role else { continue }
            if wholes.contains(WholeKey(rank: descriptor.key.rank, role: role)) {
                standingAside.insert(index)
            }
        }
    }

    /// Whether series `index` is judged.
    func judges(_ index: Int) -> Bool {
        !standingAside.contains(index)
    }

    private struct WholeKey: Hashable {
        var rank: Int32
        var role: MetricRole
    }

    private static func isLoss(_ role: MetricRole) -> Bool {
        role == .trainLoss || role == .valLoss
    }
}
