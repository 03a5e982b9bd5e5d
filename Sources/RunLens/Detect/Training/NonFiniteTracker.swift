/// Finds the stretches of NaN/Inf values in one series.
///
/// Consecutive non-finite points always belong to one stretch; a stretch also absorbs a
/// later one that starts within `gap` (steps) of its end. Each stretch remembers its
/// first point (for `file:line`), its longest run of consecutive non-finite points, and
/// the last finite points before it.
struct NonFiniteTracker {
    /// One stretch of non-finite values.
    struct Episode {
        var first: Point
        var last: Point
        var firstPosition: Double
        var lastPosition: Double
        var count = 1
        var longestRun = 1
        var before: [Point]
    }

    /// The most stretches kept per series; later ones are only counted.
    static let maxEpisodes = 1000

    /// Positions within this distance of a stretch's end extend it.
    let gap: Double
    private(set) var episodes: [Episode] = []
    private(set) var droppedEpisodes = 0
    private var run = 0
    private var trail = PointTrail()

    /// Creates a tracker joining stretches `gap` apart.
    init(gap: Double) {
        self.gap = gap
    }

    /// Takes the next point of the series at `position`.
    mutating func observe(_ point: Point, position: Double) {
        guard !point.value.isFinite else {
            run = 0
            trail.append(point)
            return
        }

        run += 1
        if let last = episodes.last, run > 1 || position - last.lastPosition <= gap {
            extend(point, position: position)
        } else if episodes.count < Self.maxEpisodes {
            episodes.append(
                Episode(
                    first: point, last: point, firstPosition: position, lastPosition: position,
                    before: trail.points))
        } else {
            droppedEpisodes += 1
        }
    }

    /// Takes the points of `run` whose position on `axis` is finite, in order, as
    /// ``observe(_:position:)`` would one by one. A finite value only resets the count of
    /// non-finite ones in a row and joins the trail of the last few, so of each stretch of
    /// finite values only the last ``PointTrail/capacity`` are copied into the trail.
    mutating func observe(_ run: SeriesRun, on axis: Axis) {
        let positions = run.positions
        var start = 0
        while start < positions.count {
            var end = start
            var place = Double.nan
            while end < positions.count {
                let point = run.points[positions[end]].point
                place = axis.position(of: point)
                if place.isFinite, !point.value.isFinite { break }
                end += 1
            }
            if end > start { takeFinite(run, from: start, to: end, on: axis) }
            guard end < positions.count else { return }

            observe(run.points[positions[end]].point, position: place)
            start = end + 1
        }
    }

    /// Takes the points in `start..<end` of `run`, whose values are all finite where their
    /// positions are: the last ``PointTrail/capacity`` of those with finite positions go
    /// into the trail, which holds no more.
    private mutating func takeFinite(
        _ run: SeriesRun, from start: Int, to end: Int, on axis: Axis
    ) {
        var kept = (0, 0, 0)
        var count = 0
        var at = end
        while at > start, count < PointTrail.capacity {
            at -= 1
            guard axis.position(of: run.points[run.positions[at]].point).isFinite else { continue }
            switch count {
            case 0: kept.0 = at
            case 1: kept.1 = at
            default: kept.2 = at
            }
            count += 1
        }
        guard count > 0 else { return }

        self.run = 0
        // Oldest first, as they came.
        if count > 2 { trail.append(run.points[run.positions[kept.2]].point) }
        if count > 1 { trail.append(run.points[run.positions[kept.1]].point) }
        trail.append(run.points[run.positions[kept.0]].point)
    }

    private mutating func extend(_ point: Point, position: Double) {
        let index = episodes.count - 1
        episodes[index].last = point
        episodes[index].lastPosition = position
        episodes[index].count += 1
        episodes[index].longestRun = max(episodes[index].longestRun, run)
    }
}
