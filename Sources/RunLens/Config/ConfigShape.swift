import Foundation

/// Compares a parsed config with the defaults' shape: every key must exist in the defaults
/// at the same path, with a value of the same kind.
enum ConfigShape {
    /// Checks `value`; `optionalKeys` are dotted paths whose default is unset, so the
    /// encoded defaults lack them.
    static func check(
        _ value: Any, against defaults: Any, optionalKeys: Set<String>, path: String
    ) throws(ConfigError) {
        try check(value, defaults, key: "", optionalKeys: optionalKeys, path: path)
    }

    private static func check(
        _ value: Any, _ defaults: Any, key: String, optionalKeys: Set<String>, path: String
    ) throws(ConfigError) {
        if key == "roles" { return }
        guard let expected = defaults as? [String: Any] else {
            try checkLeaf(value, defaults, key: key, path: path)
            return
        }
        guard let object = value as? [String: Any] else {
            throw ConfigError(path: path, key: key.isEmpty ? "" : key, reason: "expected an object")
        }
        // An empty default object is a map the user fills: names to numbers.
        if expected.isEmpty, !key.isEmpty {
            for name in object.keys.sorted() {
                // Scores may be negative (a log-likelihood): no range here.
                try checkLeaf(
                    object[name] ?? NSNull(), 0.0, key: key + "." + name, path: path,
                    ranged: false)
            }
            return
        }
        for name in object.keys.sorted() {
            let child = key.isEmpty ? name : key + "." + name
            guard let defaultValue = expected[name] else {
                if optionalKeys.contains(child) {
                    try checkOptional(object[name] ?? NSNull(), key: child, path: path)
                    continue
                }
                let allowed = (Array(expected.keys) + optionalChildren(of: key, optionalKeys))
                    .sorted().joined(separator: ", ")
                throw ConfigError(
                    path: path, key: child, reason: "unknown key (allowed: \(allowed))")
            }
            try check(
                object[name] ?? NSNull(), defaultValue, key: child, optionalKeys: optionalKeys,
                path: path)
        }
    }

    /// The names of the optional keys directly inside the object at `key`.
    private static func optionalChildren(of key: String, _ optionalKeys: Set<String>) -> [String] {
        let prefix = key.isEmpty ? "" : key + "."
        return optionalKeys.filter { $0.hasPrefix(prefix) }.map {
            String($0.dropFirst(prefix.count))
        }
        .filter { !$0.contains(".") }
    }

    private static func checkOptional(_ value: Any, key: String, path: String)
        throws(ConfigError)
    {
        let got = kind(value)
        guard got == "number" || got == "null" else {
            throw ConfigError(
                path: path, key: key, reason: "expected number, got \(describe(value))")
        }
        if got == "number" { try checkRange(value, key: key, path: path) }
    }

    private static func checkLeaf(
        _ value: Any, _ defaults: Any, key: String, path: String, ranged: Bool = true
    ) throws(ConfigError) {
        if value is NSNull { return }
        // A default of null is an unset number (a width chosen from the run, no capacity).
        if defaults is NSNull {
            try checkOptional(value, key: key, path: path)
            return
        }
        let wanted = kind(defaults)
        let got = kind(value)
        if let text = defaults as? String, Severity(name: text) != nil {
            if let given = value as? String, Severity(name: given) != nil { return }
            throw ConfigError(
                path: path, key: key,
                reason: "expected one of info, warning, error, critical, got \(describe(value))")
        }
        if wanted == got {
            if got == "number" && ranged { try checkRange(value, key: key, path: path) }
            if got == "a list" { try checkItems(value, key: key, path: path) }
            return
        }
        throw ConfigError(
            path: path, key: key, reason: "expected \(wanted), got \(describe(value))")
    }

    /// Checks the range of the numbers in the objects of a list (error-budget windows), as
    /// `key[index].name`.
    private static func checkItems(_ value: Any, key: String, path: String) throws(ConfigError) {
        guard let items = value as? [Any] else { return }
        for (index, item) in items.enumerated() {
            guard let object = item as? [String: Any] else { continue }
            for name in object.keys.sorted() where kind(object[name] ?? NSNull()) == "number" {
                try checkRange(
                    object[name] ?? NSNull(), key: "\(key)[\(index)].\(name)", path: path)
            }
        }
    }

    /// Keys whose numbers must be above zero; every other number must be zero or more.
    static let positiveKeys: Set<String> = ["windows.seconds", "windows.steps"]

    /// Keys that size what a detector holds from the start, per series (a ring of that many
    /// points or window means): far above the defaults, and a run of many ranks still fits.
    static let heldKeys: Set<String> = [
        "training.loss_spike.window", "training.grad_explosion.window",
        "training.divergence.rising_lookback", "training.divergence.sustain",
        "training.throughput_drop.window_points", "training.throughput_drop.baseline_windows",
        "fleet.memory_growth.target_windows",
    ]

    /// The most values a key of ``heldKeys`` may ask a detector to hold.
    static let mostHeld = 100_000.0

    /// The smallest widths of time windows, in seconds: as `--window`, a millisecond, below
    /// which the window indexes of epoch times are no longer exact.
    static let minimums: [String: Double] = [
        "windows.seconds": 0.001, "serving.request_statistics.window_seconds": 0.001,
    ]

    /// The largest number any setting takes. Counts, steps and seconds above it mean nothing
    /// in a log, and release builds convert and add them without overflow checks: a window
    /// of `Int.max` steps or seconds would wrap around instead of failing.
    static let largest = 1e15

    /// No setting takes a negative number (a threshold of -5 ms would flag everything), a
    /// window must have a size, and no setting exceeds ``largest``.
    private static func checkRange(_ value: Any, key: String, path: String) throws(ConfigError) {
        guard let number = (value as? NSNumber)?.doubleValue else { return }
        let positive = positiveKeys.contains(key)
        guard number.isFinite, positive ? number > 0 : number >= 0 else {
            let wanted = positive ? "a number above 0" : "a number of 0 or more"
            throw ConfigError(path: path, key: key, reason: "expected \(wanted), got \(value)")
        }
        guard number <= largest else {
            throw ConfigError(
                path: path, key: key, reason: "expected a number of at most 1e15, got \(value)")
        }
        if heldKeys.contains(key), number > mostHeld {
            throw ConfigError(
                path: path, key: key,
                reason: "expected at most 100000 (values held in memory), got \(value)")
        }
        if let minimum = minimums[key], number < minimum {
            throw ConfigError(
                path: path, key: key,
                reason: "expected a number of at least \(minimum), got \(value)")
        }
    }

    private static func kind(_ value: Any) -> String {
        if value is [String: Any] { return "an object" }
        if value is [Any] { return "a list" }
        if value is String { return "string" }
        if value is NSNumber {
            let typeName = String(describing: type(of: value))
            return typeName.contains("Boolean") ? "true or false" : "number"
        }
        return "null"
    }

    private static func describe(_ value: Any) -> String {
        if let text = value as? String { return "'\(text)'" }
        return "\(value)"
    }
}
