/// The unit a memory series is logged in, guessed from its name, else its magnitude.
enum MemoryUnit: Equatable {
    case gigabytes
    case megabytes
    case bytes
    case percent

    // TODO(#4): guessed from the name and magnitude because the CSV header's unit (`[MiB]`)
    // does not reach `FieldInfo`; carrying it there would make the projection exact.
    /// The unit of series `name` whose typical value is `typical`.
    init(name: String, typical: Double) {
        let normal = RoleMatcher.normalize(name)
        if normal.contains("percent") || normal.hasSuffix("memoryallocated")
            || normal == "system_gpu_memory" || normal.hasSuffix("_pct")
        {
            self = .percent
        } else if normal.hasSuffix("gb") || normal.hasSuffix("gib") {
            self = .gigabytes
        } else if normal.hasSuffix("mb") || normal.hasSuffix("mib") || normal == "memory"
            || normal == "max_mem"
        {
            self = .megabytes
        } else if normal.hasSuffix("bytes") {
            self = .bytes
        } else if typical < 2048 {
            self = .gigabytes
        } else if typical < 4_294_967_296 {
            self = .megabytes
        } else {
            self = .bytes
        }
    }

    /// The symbol shown after values.
    var symbol: String {
        switch self {
        case .gigabytes: return "GB"
        case .megabytes: return "MB"
        case .bytes: return "B"
        case .percent: return "%"
        }
    }

    /// `gigabytes` in this unit (GPU capacities are quoted in GB); 100 for percentages.
    func capacity(gigabytes: Double) -> Double {
        switch self {
        case .gigabytes: return gigabytes
        case .megabytes: return gigabytes * 1024
        case .bytes: return gigabytes * 1_073_741_824
        case .percent: return 100
        }
    }

    /// `value` with the unit, about four significant digits.
    func text(_ value: Double) -> String {
        self == .percent
            ? NumberFormat.short(value) + "%" : NumberFormat.short(value) + " " + symbol
    }
}
