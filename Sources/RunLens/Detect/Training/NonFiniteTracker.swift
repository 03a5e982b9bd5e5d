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

    private mutating func extend(_ point: Point, position: Double) {
        let index = episodes.count - 1
        episodes[index].last = point
        episodes[index].lastPosition = position
        episodes[index].count += 1
        episodes[index].longestRun = max(episodes[index].longestRun, run)
    }
}
