/// What a fleet scenario injects into an otherwise healthy data-parallel run.
struct FleetFaults {
    /// One rank's data or compute time multiplied by `factor` from step `from` on.
    struct Straggler {
        var rank: Int
        var from: Int
        var factor: Double
        var onData: Bool
    }

    /// One rank's GPU memory growing by `percentPerHour` from step `from` on.
    struct Leak {
        var rank: Int
        var from: Int
        var percentPerHour: Double
    }

    /// One rank's GPU held past a level for steps `from..<to`: hot, or idle.
    struct Stretch {
        var rank: Int
        var from: Int
        var to: Int
        var level: Double
    }

    /// Some ranks' compute slowing steadily, so their throughput falls by `drop` by the end.
    struct Degraded {
        var ranks: [Int]
        var drop: Double
    }

    var straggler: Straggler?
    var leak: Leak?
    /// Allocator sawtooth period in steps, on every rank.
    var sawtoothPeriod: Int?
    var overheat: Stretch?
    var lowUtil: Stretch?
    var degraded: Degraded?
}
