/// The unit a memory series is logged in: the one the log states (a CSV header's `[MiB]`),
/// else guessed from its name, else from its magnitude.
///
/// GB and MB count by 1024, as GPU memory is quoted; values are shown with the symbol the log
/// wrote (`MiB` for nvidia-smi's `[MiB]`, `MB` for a name ending in `_mb`), so that the number
/// shown is the one logged under the name the log gave it.
struct MemoryUnit: Equatable {
    /// How many bytes one of the unit holds.
    enum Scale: Equatable {
        case gigabytes
        case megabytes
        case bytes
        case percent
    }

    var scale: Scale
    /// The symbol shown after values.
    var symbol: String

    private init(scale: Scale, symbol: String) {
        self.scale = scale
        self.symbol = symbol
    }

    static let gigabytes = MemoryUnit(scale: .gigabytes, symbol: "GB")
    static let gibibytes = MemoryUnit(scale: .gigabytes, symbol: "GiB")
    static let megabytes = MemoryUnit(scale: .megabytes, symbol: "MB")
    static let mebibytes = MemoryUnit(scale: .megabytes, symbol: "MiB")
    static let bytes = MemoryUnit(scale: .bytes, symbol: "B")
    static let percent = MemoryUnit(scale: .percent, symbol: "%")

    /// The unit of series `name` whose typical value is `typical`, and for which the log
    /// states `stated` (``FieldInfo/unit``), which goes first when it is a unit of memory.
    init(name: String, typical: Double, stated: String? = nil) {
        if let stated, let unit = Self(stated: stated) {
            self = unit
        } else {
            self.init(name: name, typical: typical)
        }
    }

    /// The unit written `text` (`MiB`, `GB`, `%`), or `nil` for one that is no unit of memory.
    init?(stated text: String) {
        switch text.lowercased() {
        case "%": self = .percent
        case "gib": self = .gibibytes
        case "gb": self = .gigabytes
        case "mib": self = .mebibytes
        case "mb": self = .megabytes
        case "b", "bytes": self = .bytes
        default: return nil
        }
    }

    private init(name: String, typical: Double) {
        let normal = RoleMatcher.normalize(name)
        if normal.contains("percent") || normal.hasSuffix("memoryallocated")
            || normal == "system_gpu_memory" || normal.hasSuffix("_pct")
        {
            self = .percent
        } else if normal.hasSuffix("gib") {
            self = .gibibytes
        } else if normal.hasSuffix("gb") {
            self = .gigabytes
        } else if normal.hasSuffix("mib") {
            self = .mebibytes
        } else if normal.hasSuffix("mb") || normal == "memory" || normal == "max_mem" {
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

    /// Bytes in one of this unit (GB and MB count by 1024, as GPU memory is quoted); `nil`
    /// for a percentage.
    var bytes: Double? {
        switch scale {
        case .gigabytes: return 1_073_741_824
        case .megabytes: return 1_048_576
        case .bytes: return 1
        case .percent: return nil
        }
    }

    /// `gigabytes` in this unit (GPU capacities are quoted in GB); 100 for percentages.
    func capacity(gigabytes: Double) -> Double {
        switch scale {
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
