/// A tracker that takes a run's points a stretch at a time where it can (through a
/// ``StepHistory/Filler``) and the others one by one.
protocol StretchFilling {
    /// Takes the points of `run` from `start` on while it can take them as a stretch;
    /// returns where it stopped.
    mutating func fill(_ run: SeriesRun, on axis: Axis, from start: Int) -> Int
    /// Takes one point at `position` on the tracker's axis.
    mutating func observe(_ point: Point, position: Double)
}

extension StretchFilling {
    /// Takes the points of `run` in order: stretches through ``fill(_:on:from:)``, each point
    /// that ends one through ``observe(_:position:)`` when its position is finite.
    mutating func observe(_ run: SeriesRun, on axis: Axis) {
        var next = 0
        while next < run.positions.count {
            next = fill(run, on: axis, from: next)
            guard next < run.positions.count else { return }
            let point = run.points[run.positions[next]].point
            let position = axis.position(of: point)
            if position.isFinite { observe(point, position: position) }
            next += 1
        }
    }
}
