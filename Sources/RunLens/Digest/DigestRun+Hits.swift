extension DigestRun {
    /// The lowest severity at which an incident counts as hitting its run: `warning`.
    ///
    /// An `info` incident is a note (isolated fp16 overflow skips that the `divergence`
    /// detector reports so that they are not mistaken for one); it is counted in its run's
    /// row, but the run is not hit by its kind: it is not ranked among the recurring incidents,
    /// not counted among the runs a kind hits against an earlier digest, and names no flaky
    /// node. The floor is below `--fail-on`'s default (`critical`), because the kinds that
    /// recur across runs and point at nodes (`straggler`, `overfitting`, `memory_growth`) are
    /// warnings by default.
    public static let hitFloor = Severity.warning

    /// Whether incidents of `detector` hit this run: its worst incident of that kind is at or
    /// above ``hitFloor``.
    ///
    /// A run read back from an earlier `digest.csv` has no severity per kind; its kinds hit it
    /// when its status (its worst incident) is at or above the floor, since the kind that
    /// reached it cannot be told (a run of one kind gives that kind its worst severity).
    public func isHit(by detector: String) -> Bool {
        guard kinds[detector] != nil, let worst = worstByKind[detector] ?? status.severity else {
            return false
        }
        return worst >= Self.hitFloor
    }

    /// The detectors whose incidents hit this run (``isHit(by:)``), by id.
    public var hitKinds: [String] {
        kinds.keys.filter(isHit(by:)).sorted()
    }
}
