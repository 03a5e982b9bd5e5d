import Foundation

/// Reads, checks and prints configuration files (JSON, `//` comments allowed).
///
/// A file is checked against the defaults' shape before it is decoded: a key the defaults
/// do not have, or a value of the wrong type, is an error naming its dotted path and the
/// allowed keys. Unknown keys are errors, never silence.
public enum ConfigLoader {
    /// The name looked for in the working directory when `--config` is not given.
    public static let defaultFileName = "runlens.json"

    /// The config from `path`, else `runlens.json` in the working directory, else defaults.
    public static func resolve(path: String?) throws(ConfigError) -> RunLensConfig {
        if let path { return try load(path: path) }
        guard FileManager.default.fileExists(atPath: defaultFileName) else {
            return RunLensConfig()
        }
        return try load(path: defaultFileName)
    }

    /// Reads and checks `path`.
    public static func load(path: String) throws(ConfigError) -> RunLensConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(path: path, reason: "cannot read the file")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Checks and decodes `text`, naming `path` in errors.
    public static func parse(_ text: String, path: String) throws(ConfigError) -> RunLensConfig {
        let stripped = JSONComments.strip(text)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(
                with: Data(stripped.utf8), options: [.fragmentsAllowed])
        } catch {
            throw ConfigError(path: path, reason: "not valid JSON (\(Self.reason(error)))")
        }
        try ConfigShape.check(
            object, against: defaultsTree(), optionalKeys: optionalKeys(), path: path)
        try checkRoles(object, path: path)
        let config: RunLensConfig
        do {
            config = try JSONDecoder().decode(RunLensConfig.self, from: Data(stripped.utf8))
        } catch {
            throw ConfigError(path: path, reason: "a value has the wrong type (\(error))")
        }
        if let problem = config.serving.problems.first {
            throw ConfigError(path: path, reason: "serving." + problem)
        }
        return config
    }

    /// The defaults as JSON with a `//` line of explanation before each key.
    public static func defaultsText() -> String {
        ConfigPrinter.render(defaultsTree(), explanations: explanations())
    }

    static func defaultsTree() -> Any {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        guard let data = try? encoder.encode(RunLensConfig()),
            let tree = try? JSONSerialization.jsonObject(with: data)
        else { return [String: Any]() }
        return tree
    }

    /// Keys that have an explanation but no encoded default (their default is unset).
    static func optionalKeys() -> Set<String> {
        let tree = defaultsTree()
        return Set(
            explanations().keys.filter { key in
                var node: Any? = tree
                for part in key.split(separator: ".") {
                    node = (node as? [String: Any])?[String(part)]
                }
                return node == nil && key != "roles"
            })
    }

    static func explanations() -> [String: String] {
        var all = RunLensConfig.explanations
        for (key, text) in TrainingSettings.explanations { all["training." + key] = text }
        for (key, text) in FleetSettings.explanations { all["fleet." + key] = text }
        for (key, text) in ServingSettings.explanations { all["serving." + key] = text }
        for (key, text) in BaselineSettings.explanations { all["baseline." + key] = text }
        return all
    }

    private static func checkRoles(_ object: Any, path: String) throws(ConfigError) {
        guard let roles = (object as? [String: Any])?["roles"] as? [String: Any] else { return }
        let allowed = MetricRole.allCases.map(\.rawValue)
        for (name, names) in roles {
            guard MetricRole(rawValue: name) != nil else {
                throw ConfigError(
                    path: path, key: "roles.\(name)",
                    reason: "unknown role (allowed: \(allowed.joined(separator: ", ")))")
            }
            guard let list = names as? [Any], list.allSatisfy({ $0 is String }) else {
                throw ConfigError(
                    path: path, key: "roles.\(name)", reason: "expected a list of metric names")
            }
        }
    }

    private static func reason(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return text ?? "unreadable"
    }
}
