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
        // The usual run: nothing to list, and no 10 ms of encoding and walking two trees.
        if config == RunLensConfig() {
            return ConfigChanges(file: file, changed: [], disabled: [])
        }
        var given: [String: Any] = [:]
        leaves(of: ConfigLoader.tree(of: config), into: &given)
        var defaults: [String: Any] = [:]
        leaves(of: ConfigLoader.defaultsTree(), into: &defaults)
        // Compared as Foundation objects; only the few that differ are written out as text.
        let changed = given.keys.sorted().compactMap { key -> Setting? in
            guard let value = given[key] as? NSObject else { return nil }
            if let old = defaults[key] as? NSObject, old.isEqual(value) { return nil }
            return Setting(key: key, value: text(of: value))
        }
        return ConfigChanges(file: file, changed: changed, disabled: disabled(given))
    }

    /// The detector ids turned off: a detector's `enabled` key (`training.loss_spike.enabled`,
    /// `alert_storm.enabled`) set to `false`.
    private static func disabled(_ given: [String: Any]) -> [Disabled] {
        let keys = given.keys.filter { $0.hasSuffix(".enabled") }.sorted()
        return DetectorCatalog.ids.compactMap { id in
            let key = keys.first { $0 == id + ".enabled" || $0.hasSuffix("." + id + ".enabled") }
            guard let key, given[key] as? Bool == false else { return nil }
            return Disabled(detector: id, key: key)
        }
    }

    /// Every value of `tree` that is not an object, by dotted key.
    private static func leaves(
        of tree: Any, under prefix: String = "", into found: inout [String: Any]
    ) {
        guard let object = tree as? [String: Any] else {
            found[prefix] = tree
            return
        }
        for (key, value) in object {
            leaves(of: value, under: prefix.isEmpty ? key : prefix + "." + key, into: &found)
        }
    }

    /// A value as JSON text.
    private static func text(of value: Any) -> String {
        let data = try? JSONSerialization.data(
            withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "?"
    }
}
