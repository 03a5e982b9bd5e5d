/// The faults a fleet scenario injects, drawn from the seed, and what they must raise.
struct FleetSetup {
    var faults = FleetFaults()
    var expected: [ExpectedIncident] = []
    /// Ids that may fire although not required (a consequence of the fault, not the fault).
    var allowed: [String] = []

    init(name: String, parameters: SynthParameters, random: inout SeededRandom) {
        let steps = Double(parameters.steps)
        let rank = Int(random.next() % UInt64(parameters.ranks))
        func uniform(_ low: Double, _ high: Double) -> Double {
            low + (high - low) * random.uniform()
        }
        func step(_ share: Double) -> Int { Int((share * steps).rounded()) }

        switch name {
        case "straggler":
            let onData = random.next() % 2 == 0
            let from = step(uniform(0.2, 0.4))
            faults.straggler = FleetFaults.Straggler(
                rank: rank, from: from, factor: uniform(1.5, 3), onData: onData)
            expect(
                "straggler", .warning, metric: onData ? "data_time" : "forward_time", rank: rank,
                from: from, lag: max(100, 0.1 * steps))
        case "leak":
            let from = step(uniform(0.03, 0.3))
            faults.leak = FleetFaults.Leak(rank: rank, from: from, percentPerHour: uniform(20, 50))
            expect(
                "memory_growth", .warning, metric: "gpu_memory_allocated", rank: rank, from: from,
                lag: 0.3 * steps)
        case "sawtooth":
            faults.sawtoothPeriod = Int(uniform(60, 150))
        case "overheat":
            let from = step(uniform(0.3, 0.6))
            let to = from + step(uniform(0.15, 0.3))
            faults.overheat = FleetFaults.Stretch(
                rank: rank, from: from, to: to, level: uniform(88, 93))
            expect("gpu_overheat", .critical, metric: "gpu_temp", rank: rank, from: from, lag: 40)
        case "low-util":
            let from = step(uniform(0.2, 0.4))
            let to = from + step(uniform(0.35, 0.5))
            faults.lowUtil = FleetFaults.Stretch(
                rank: rank, from: from, to: to, level: uniform(20, 40))
            expect(
                "gpu_underutilized", .warning, metric: "gpu_util", rank: rank, from: from, lag: 20)
        case "degraded-gpus":
            let count = max(1, parameters.ranks / 4)
            var ranks: [Int] = []
            for offset in 0..<count { ranks.append((rank + offset) % parameters.ranks) }
            // The cluster average the rule compares with includes the slow ranks, so with 2
            // ranks one must lose a third of its throughput to fall below 80% of it: 40–45% by
            // the end keeps it there for the last fifth of the run at least.
            faults.degraded = FleetFaults.Degraded(ranks: ranks, drop: uniform(0.40, 0.45))
            for degraded in ranks {
                expect(
                    "throughput_drop", .warning, metric: "tokens_per_second", rank: degraded,
                    from: 0, lag: steps)
            }
            allowed.append("straggler")
        default:
            break
        }
    }

    private mutating func expect(
        _ detector: String, _ severity: Severity, metric: String, rank: Int, from: Int,
        lag: Double
    ) {
        expected.append(
            ExpectedIncident(
                detector: detector, severity: severity, metric: metric, rank: rank,
                startStep: Double(from), maxLag: lag))
    }
}
