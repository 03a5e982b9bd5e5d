/// Finds memory trending up, toward an out-of-memory error: `memory_growth`.
///
/// Each rank's and device's GPU and process memory is summarised in buckets of points
/// (minimum, maximum, mean, position). After a warm-up (`memoryWarmupFraction` of the
/// series, or `memoryWarmupSeconds`), the buckets are grouped into windows long enough to
/// hold an allocator's sawtooth trough, and a Theil–Sen line is fitted to the window minima
/// (the floor a leak raises and a sawtooth does not). The fit must span
/// `memoryMinSpanSeconds` and `memoryMinPoints`, and the floor must rise consistently
/// (Kendall's τ of at least `memoryMinTrendConsistency`). Growth above
/// `memoryGrowthPercentPerHour` is a warning that gives the rate, since when, and the time
/// until the device's capacity when it is known. Series too short to fit that still rose
/// are reported as info, saying why they were not judged.
///
/// Memory is indexed by time where the log has it; step-only logs use the rank's mean
/// step time when logged, else judge total growth and report it per 1000 steps.
public final class MemoryGrowthDetector: Detector, SeriesRunObserver {
    /// The stable id of the incidents this detector raises.
    public static let id = "memory_growth"

    /// `memory_growth`.
    public var ids: [String] { [Self.id] }

    let settings: FleetSettings
    /// Memory series by series index (`nil` for other series), so that a point finds its
    /// series without hashing.
    var memory = SeriesStates<MemorySeries>()
    private var kinds: [SeriesKind] = []
    /// Step-time sums by slot, one slot per rank, in the order ranks appeared.
    private var stepTimeSlots: [(sum: Double, count: Int)] = []
    private var stepTimeRanks: [Int] = []
    /// Capacities by slot, one slot per (rank, device), with the unit the log states.
    private var capacitySlots: [Double] = []
    private var capacityUnits: [MemoryUnit?] = []
    private var capacityKeys: [DeviceKey] = []
    /// Whether the series' states are apart: they are unless a rank logs two step times,
    /// whose sum then depends on how their points interleave. (A capacity is a maximum,
    /// and only a positive one is used, so the order of its series' points does not matter.)
    private(set) var takesRuns = true

    /// Creates the detector with `settings`.
    public init(settings: FleetSettings = FleetSettings()) {
        self.settings = settings
    }

    public func seriesCreated(_ descriptor: SeriesDescriptor) {
        let key = DeviceKey(rank: descriptor.rank ?? -1, device: descriptor.device ?? -1)
        switch descriptor.info.role {
        case .gpuMemory, .processMemory:
            kinds.append(.memory)
            // TODO(#8): memory series share buckets by rank past 32 ranks too, so the growth of
            // a 64-rank `runlens synth leak` log starts at step 385 instead of 365 (10 to 40
            // steps later at 33 to 256 ranks); a finer start within coarse buckets would give
            // the earlier starts back.
            memory.append(
                MemorySeries(descriptor: descriptor), sharing: MemoryBuckets.budget,
                rank: descriptor.rank)
            return
        case .stepTime:
            kinds.append(.stepTime(slot: stepTimeSlot(key.rank), scale: descriptor.info.scale))
        default:
            guard Self.isCapacity(descriptor.name) else {
                kinds.append(.other)
                break
            }
            let slot = capacitySlot(key)
            if capacityUnits[slot] == nil {
                capacityUnits[slot] = descriptor.info.unit.flatMap(MemoryUnit.init(stated:))
            }
            kinds.append(.capacity(slot))
        }
        memory.append(nil)
    }

    private func stepTimeSlot(_ rank: Int) -> Int {
        if let slot = stepTimeRanks.firstIndex(of: rank) {
            takesRuns = false
            return slot
        }
        stepTimeRanks.append(rank)
        stepTimeSlots.append((0, 0))
        return stepTimeRanks.count - 1
    }

    private func capacitySlot(_ key: DeviceKey) -> Int {
        if let slot = capacityKeys.firstIndex(of: key) { return slot }
        capacityKeys.append(key)
        capacitySlots.append(0)
        capacityUnits.append(nil)
        return capacityKeys.count - 1
    }

    /// Memory, capacities and step times.
    public func wantsPoints(ofSeries index: Int) -> Bool {
        guard index < kinds.count else { return false }
        if case .other = kinds[index] { return false }
        return true
    }

    public func observe(series index: Int, point: Point) {
        guard index < kinds.count, point.value.isFinite else { return }
        switch kinds[index] {
        case .memory:
            memory.update(index) { $0.add(point) }
        case .capacity(let slot):
            capacitySlots[slot] = max(capacitySlots[slot], point.value)
        case .stepTime(let slot, let scale):
            let seconds = point.value * scale
            guard seconds > 0 else { return }
            stepTimeSlots[slot].sum += seconds
            stepTimeSlots[slot].count += 1
        case .other:
            return
        }
    }

    /// Takes the points of one series: a memory series' with its state held once, a step
    /// time's summed in locals (in the same order) and stored once.
    func observe(series index: Int, run: SeriesRun) {
        guard index < kinds.count else { return }
        switch kinds[index] {
        case .memory:
            memory.update(index) { series in
                run.forEach { point in if point.value.isFinite { series.add(point) } }
            }
        case .stepTime(let slot, let scale):
            var (sum, count) = stepTimeSlots[slot]
            run.forEach { point in
                let seconds = point.value * scale
                guard point.value.isFinite, seconds > 0 else { return }
                sum += seconds
                count += 1
            }
            stepTimeSlots[slot] = (sum, count)
        default:
            run.forEach { observe(series: index, point: $0) }
        }
    }

    public func finish() {}

    /// Largest `memory.total`-like value per (rank, device), with the unit the log states.
    var capacities: [DeviceKey: (value: Double, unit: MemoryUnit?)] {
        var table: [DeviceKey: (value: Double, unit: MemoryUnit?)] = [:]
        for (slot, key) in capacityKeys.enumerated() where capacitySlots[slot] > 0 {
            table[key] = (capacitySlots[slot], capacityUnits[slot])
        }
        return table
    }

    /// Step-time sums per rank (seconds), to turn steps into time.
    var stepTimes: [Int: (sum: Double, count: Int)] {
        var table: [Int: (sum: Double, count: Int)] = [:]
        for (slot, rank) in stepTimeRanks.enumerated() where stepTimeSlots[slot].count > 0 {
            table[rank] = stepTimeSlots[slot]
        }
        return table
    }

    /// Drops the buckets, once the incidents are known.
    public func releaseState() {
        memory.removeAll()
    }

    public func incidents(in context: DetectionContext) -> [Incident] {
        guard settings.memoryGrowthEnabled else { return [] }
        var result: [Incident] = []
        for index in memory.indices {
            guard let series = memory[index], series.count > 0 else { continue }
            let judge = MemoryJudgement(
                series: series, settings: settings, secondsPerStep: secondsPerStep(series.rank),
                capacity: capacity(for: series))
            if let incident = judge.incident(context: context) { result.append(incident) }
        }
        return result
    }

    /// A name that holds a device's total memory (`memory.total`, nvidia-smi).
    static func isCapacity(_ name: String) -> Bool {
        let normal = RoleMatcher.normalize(name)
        return normal.hasSuffix("memory_total") || normal.hasSuffix("mem_total")
            || normal.hasSuffix("total_memory") || normal.hasPrefix("memory_total_")
    }

    /// The mean step time of `rank` (or of every rank) in seconds.
    func secondsPerStep(_ rank: Int?) -> Double? {
        let entry =
            rank.flatMap { stepTimes[$0] }
            ?? stepTimes.values.reduce(
                (sum: 0.0, count: 0)
            ) { ($0.sum + $1.sum, $0.count + $1.count) }
        return entry.count > 0 ? entry.sum / Double(entry.count) : nil
    }

    /// The capacity of a series' device in its own unit: from the log (converted from the
    /// unit the log states for it, else taken as in the series' unit), else the setting; 100
    /// for a percentage.
    func capacity(for series: MemorySeries) -> (value: Double, source: String)? {
        let key = DeviceKey(rank: series.rank ?? -1, device: series.device ?? -1)
        let unit = series.unit
        if unit != .percent, let logged = capacities[key], logged.value > 0 {
            let scale = logged.unit?.bytes.flatMap { from in unit.bytes.map { from / $0 } }
            return (logged.value * (scale ?? 1), "memory.total in the log")
        }
        guard series.role == .gpuMemory else { return nil }
        if unit == .percent { return (100, "100%") }
        guard let gigabytes = settings.gpuMemoryCapacity, gigabytes > 0 else { return nil }
        return (
            series.unit.capacity(gigabytes: gigabytes),
            "--gpu-memory or the fleet.memory_growth.gpu_memory_capacity setting"
        )
    }

    enum SeriesKind {
        case memory
        case capacity(Int)
        case stepTime(slot: Int, scale: Double)
        case other
    }
}

/// A rank and device, `-1` for none.
struct DeviceKey: Hashable {
    var rank: Int
    var device: Int
}
