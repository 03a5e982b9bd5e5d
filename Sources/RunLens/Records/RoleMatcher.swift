/// Decides what each distinct field name is: a position (step, time, rank, ...), a
/// metric with a role, or bookkeeping.
///
/// Names are compared case-insensitively with the separators `/ . _ -` made equal. A
/// metric name takes a role when the whole name or its last path component is one of
/// the role's names, with or without a unit suffix (`_gb`, `_mb`, `_ms`, `_s`, `_seconds`,
/// `_pct`).
public struct RoleMatcher: Sendable {
    private var roleByName: [String: MetricRole] = [:]
    private var kindByName: [String: FieldKind] = [:]

    /// Creates a matcher from the default tables plus `extraRoles` (role → names).
    public init(extraRoles: [MetricRole: [String]] = [:]) {
        for role in MetricRole.allCases {
            for name in role.defaultNames { roleByName[Self.normalize(name)] = role }
        }
        for (role, names) in extraRoles {
            for name in names { roleByName[Self.normalize(name)] = role }
        }
        for (name, role) in Self.toolAliases { roleByName[name] = role }
        for (name, kind) in Self.positionNames { kindByName[name] = kind }
    }

    /// Lower-cases `name` and maps every separator to `_`.
    public static func normalize(_ name: String) -> String {
        // Built as a view of its own: appending through `String.unicodeScalars` copied the
        // whole string each time, which made a key of a million bytes take minutes.
        var out = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            switch scalar {
            case "/", ".", "-", " ": out.append("_")
            case "A"..."Z": out.append(Unicode.Scalar(UInt8(scalar.value) + 32))
            case _ where scalar.isASCII: out.append(scalar)
            default: out.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        return String(out)
    }

    /// The kind of a field named `name` (as the log spelled it, devices already split off).
    public func kind(of name: String) -> FieldKind {
        let normal = Self.normalize(name)
        if let kind = kindByName[normal] { return kind }
        if Self.ignoredNames.contains(normal) { return .ignored }
        return .metric(role(of: name))
    }

    /// The role of a metric named `name`, or `nil` when no role's names match.
    public func role(of name: String) -> MetricRole? {
        let normal = Self.normalize(name)
        if Self.namesWithoutRole.contains(normal) { return nil }
        if let role = lookup(normal) { return role }
        if let role = patternRole(name: name, normal: normal) { return role }
        if let role = Self.toolPatternRole(name) { return role }

        let components = name.split(whereSeparator: { $0 == "/" || $0 == "." })
        guard components.count > 1, let last = components.last else { return nil }
        guard let role = lookup(Self.normalize(String(last))) else {
            return Self.ultralyticsRole(components)
        }
        if Self.isMemory(role), components.dropLast().contains(where: Self.isUtilization) {
            // nvidia-smi's `utilization.memory` is the share of time the memory was busy.
            return nil
        }
        guard components.dropLast().contains(where: Self.isEvalContext) else { return role }

        // Under `eval/` a loss is the validation loss; speeds and timings describe the
        // evaluation loop, not training.
        switch role {
        case .trainLoss, .valLoss: return .valLoss
        case .quality: return .quality
        default: return nil
        }
    }

    /// Whether `name` as a whole, not only its last path component, is one of a role's names
    /// (`loss`, `train/loss`, `gpu_mem_gb`; not `item7/loss`).
    public func isWholeRoleName(_ name: String) -> Bool {
        lookup(Self.normalize(name)) != nil
    }

    /// How to turn a value of a metric named `name` into the role's canonical unit:
    /// milliseconds for latencies, seconds for step-phase times. `1` when unknown.
    public func canonicalScale(of name: String, role: MetricRole?) -> Double {
        let normal = Self.normalize(name)
        switch role {
        case .latency, .ttft, .interTokenLatency:
            if normal.hasSuffix("_ms") { return 1 }
            if Self.secondsSuffixes.contains(where: normal.hasSuffix) { return 1000 }
            return 1
        case .stepTime, .dataTime, .computeTime:
            return normal.hasSuffix("_ms") ? 0.001 : 1
        default:
            return 1
        }
    }

    /// Whether the name of a latency (`latency_s`, `ttft_ms`) says its unit; a latency whose
    /// name does not (`latency`, `ttft`) is read as milliseconds until its values tell.
    public func statesTimeUnit(_ name: String) -> Bool {
        let normal = Self.normalize(name)
        return normal.hasSuffix("_ms") || Self.secondsSuffixes.contains(where: normal.hasSuffix)
    }

    func lookup(_ normal: String) -> MetricRole? {
        if let role = lookupWithUnit(normal) { return role }

        // Lightning logs a metric per step as `<name>_step` beside its `<name>_epoch` mean.
        guard normal.hasSuffix(Self.perStepSuffix) else { return nil }
        return lookupWithUnit(String(normal.dropLast(Self.perStepSuffix.count)))
    }

    private func lookupWithUnit(_ normal: String) -> MetricRole? {
        if let role = roleByName[normal] { return role }
        for suffix in Self.unitSuffixes where normal.hasSuffix(suffix) {
            if let role = roleByName[String(normal.dropLast(suffix.count))] { return role }
        }
        return nil
    }

    private func patternRole(name: String, normal: String) -> MetricRole? {
        if normal.hasPrefix("val_loss_") || normal.hasPrefix("eval_loss_") { return .valLoss }
        if normal.hasSuffix("_accuracy") && !normal.hasPrefix("train") { return .quality }
        let lower = name.lowercased()
        guard lower.hasPrefix("eval/"), !lower.hasSuffix("loss"), !Self.isEvalBookkeeping(normal)
        else { return nil }

        // `eval/<benchmark>` is a score, unless the name is a known metric (`eval/step_time`).
        let last = lower.split(separator: "/").last.map(String.init) ?? lower
        return lookup(Self.normalize(last)) == nil ? .quality : nil
    }

    static func isEvalContext(_ component: Substring) -> Bool {
        let lower = component.lowercased()
        return ["val", "eval", "valid", "validation", "test"].contains(lower)
    }

    private static func isMemory(_ role: MetricRole) -> Bool {
        role == .gpuMemory || role == .processMemory
    }

    /// Whether a path component names a utilisation (`utilization`, `gpu_util`): a memory
    /// name under it is a busy percentage, not memory in use.
    private static func isUtilization(_ component: Substring) -> Bool {
        let words = normalize(String(component)).split(separator: "_")
        return words.contains { ["util", "utilization", "utilisation"].contains($0) }
    }

    private static func isEvalBookkeeping(_ normal: String) -> Bool {
        normal.hasSuffix("runtime") || normal.hasSuffix("per_second") || normal.hasSuffix("_step")
    }

    private static let unitSuffixes = [
        "_gb", "_mb", "_mib", "_ms", "_s", "_pct", "_sec", "_seconds", "_w",
    ]

    private static let secondsSuffixes = ["_s", "_sec", "_seconds"]

    private static let perStepSuffix = "_step"

    /// Names whose last component would take a role they do not have: W&B's
    /// `system.gpu.N.memory` is the share of time the memory was busy, not memory in use.
    private static let namesWithoutRole: Set<String> = ["system_gpu_memory"]

    /// Names that specific tools write for roles the generic tables cannot guess.
    private static let toolAliases: [String: MetricRole] = [
        "system_gpu_gpu": .gpuUtil,
        "system_gpu_temp": .gpuTemp,
        "system_gpu_powerwatts": .gpuPower,
        "system_gpu_memoryallocated": .gpuMemory,
        "system_proc_memory_rssmb": .processMemory,
        "system_cpu": .cpuPercent,
        "system_memory": .memoryPercent,
        "system_disk": .diskPercent,
        "val_epoch_perplexity": .quality,
    ]

    /// The priority of `local_rank`, a rank within one node: it repeats on every node, so
    /// a rank from the file's name or folder goes before it (``Record/rankIsLocal``).
    static let localRankPriority = 2

    private static let positionNames: [String: FieldKind] = [
        "step": .step(priority: 0), "_step": .step(priority: 1),
        "global_step": .step(priority: 2), "iteration": .step(priority: 3),
        "iter": .step(priority: 4), "trainer_global_step": .step(priority: 5),
        "training_iteration": .step(priority: 6),
        "epoch": .epoch,
        "timestamp": .time(priority: 0), "_timestamp": .time(priority: 1),
        "ts": .time(priority: 2), "wall_time": .time(priority: 4),
        "created_at": .time(priority: 5), "date": .time(priority: 6),
        "time": .timeOrDuration,
        "rank": .rank(priority: 0), "global_rank": .rank(priority: 1),
        "local_rank": .rank(priority: localRankPriority), "process_index": .rank(priority: 3),
        "worker": .rank(priority: 4),
        "gpu": .device, "gpu_id": .device, "device": .device, "index": .device,
        "gpu_index": .device,
        "mode": .mode,
        "event": .event, "message": .event, "level": .event, "msg": .event,
        "status": .outcome, "status_code": .outcome, "error": .outcome,
        "error_type": .outcome, "error_code": .outcome, "error_msg": .outcome,
        "model_version": .version, "version": .version, "checkpoint": .version,
    ]

    private static let ignoredNames: Set<String> = [
        "_runtime", "_wandb", "eta_seconds", "elapsed_time", "n_parameters", "pid",
        "hash_ids", "time_total_s", "time_since_restore", "timesteps_since_restore",
        "iterations_since_restore", "timesteps_total", "episodes_total", "done",
        "should_checkpoint", "seed",
    ]
}
