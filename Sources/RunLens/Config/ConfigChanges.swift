import Foundation

/// What a run's settings changed from the defaults, so that its report says how it was
/// judged: a `runlens.json` left in the working folder can turn a detector off, and a run
/// that passes for that reason must not look like one that passed on its merits.
public struct ConfigChanges: Codable, Sendable, Equatable {
    /// The configuration file read, as given (`runlens.json` when found in the working
    /// folder); `nil` when none was.
    public var file: String?
    /// Each setting whose value differs from its default: the dotted key and the value as
    /// JSON text, in key order.
    public var changed: [Setting]
    /// The detectors the settings turn off, in catalogue order.
    public var disabled: [Disabled]

    /// One setting: its dotted key and its value as JSON text (`false`, `2.5`, `["a"]`).
    public struct Setting: Codable, Sendable, Equatable {
        /// The dotted key, as a configuration file writes it.
        public var key: String
        /// The value as JSON text.
        public var value: String
    }

    /// A detector turned off, and the key set to `false` that does it.
    public struct Disabled: Codable, Sendable, Equatable {
        /// The detector's id (`loss_spike`).
        public var detector: String
        /// The dotted key (`training.loss_spike.enabled`).
        public var key: String
    }

    /// Whether the run used the defaults throughout.
    public var isEmpty: Bool { changed.isEmpty }

    /// The changes `config`, read from `file`, makes to the defaults.
    public static func of(_ config: RunLensConfig, file: String?) -> ConfigChanges {
        let given = leaves(of: ConfigLoader.tree(of: config))
        let defaults = leaves(of: ConfigLoader.defaultsTree())
        let changed = given.keys.sorted().compactMap { key -> Setting? in
            guard let value = given[key], value != defaults[key] else { return nil }
            return Setting(key: key, value: value)
        }
        return ConfigChanges(file: file, changed: changed, disabled: disabled(given))
    }

    /// The detector ids turned off: a detector's `enabled` key (`training.loss_spike.enabled`,
    /// `alert_storm.enabled`) set to `false`.
    private static func disabled(_ given: [String: String]) -> [Disabled] {
        let keys = given.keys.sorted()
        return DetectorCatalog.ids.compactMap { id in
            let key = keys.first { $0 == id + ".enabled" || $0.hasSuffix("." + id + ".enabled") }
            guard let key, given[key] == "false" else { return nil }
            return Disabled(detector: id, key: key)
        }
    }

    /// Every value of `tree` that is not an object, as JSON text, by dotted key.
    private static func leaves(of tree: Any, under prefix: String = "") -> [String: String] {
        guard let object = tree as? [String: Any] else {
            let text = try? JSONSerialization.data(
                withJSONObject: tree, options: [.fragmentsAllowed, .sortedKeys])
            return [prefix: text.map { String(decoding: $0, as: UTF8.self) } ?? "?"]
        }
        var found: [String: String] = [:]
        for (key, value) in object {
            let path = prefix.isEmpty ? key : prefix + "." + key
            found.merge(leaves(of: value, under: path)) { first, _ in first }
        }
        return found
    }
}
