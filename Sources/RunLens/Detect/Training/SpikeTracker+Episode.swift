extension SpikeTracker {
    /// How a spike ended.
    enum Outcome: Equatable {
        /// `at`: the first point back, `level`: the recovered level it is back under.
        case recovered(at: Point, level: Double)
        /// `last`: the mean of the last few points; `after`: how many points followed the spike
        /// when it was judged (fewer than `recoveryPoints` when the series ended or restarted).
        case partlyRecovered(last: Double, after: Int)
        case diverged
        case unknown
    }

    /// One rise of an episode: the jump (or climb) that opened it, or a later jump within the
    /// cooldown, which joins the same incident.
    struct Jump {
        /// The first point, and the highest.
        var first: Point
        var peak: Point
        /// The trailing mean it rose from.
        var baseline: Double
        /// How it ended: for all but an episode's last jump, as it stood when the next came
        /// (`unknown`: the loss was not back yet).
        var outcome = Outcome.unknown
    }

    /// One spike: consecutive spike points, with what followed.
    struct Episode {
        var first: Point
        var last: Point
        var lastPosition: Double
        var baseline: Double
        var deviation: Double
        var threshold: Double
        var peak: Point
        var count = 1
        var before: [Point]
        var after: [Point] = []
        var outcome = Outcome.unknown
        var pointsSince = 0
        /// Reached by a climb rather than a jump.
        var bump = false
        /// Began with a climb from the trailing mean's noise that ended in a jump: `first` is
        /// the climb's first point.
        var climbed = false
        /// The highest trailing mean before the spike, when the trailing mean was at or below
        /// zero and the sign-free rule judged it; `nil` under the ratio rule.
        var highestMean: Double?
        /// Each jump, the first included; more than one when jumps within the cooldown joined.
        var jumps: [Jump] = []
    }
}
