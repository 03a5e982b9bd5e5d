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
        guard let found = defaultFileIfPresent else { return RunLensConfig() }
        return try load(path: found)
    }

    /// `runlens.json` when the working directory holds one, the file ``resolve(path:)`` reads
    /// without `--config`.
    public static var defaultFileIfPresent: String? {
        FileManager.default.fileExists(atPath: defaultFileName) ? defaultFileName : nil
    }

    /// Reads and checks `path`.
    public static func load(path: String) throws(ConfigError) -> RunLensConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(
                path: path, reason: LinkTrouble.reason(at: path) ?? "cannot read the file")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Checks and decodes `text`, naming `path` in errors.
    public static func parse(_ text: String, path: String) throws(ConfigError) -> RunLensConfig {
        let stripped = JSONComments.strip(text)
        let literals = ConfigLiterals(stripped)
        try checkMagnitudes(literals, path: path)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(
                with: Data(stripped.utf8), options: [.fragmentsAllowed])
        } catch {
            throw ConfigError(path: path, reason: "not valid JSON (\(Self.reason(error)))")
        }
        let shape = ConfigShape(
            path: path, optionalKeys: optionalKeys(), literals: literals,
            takesWholeNumbers: takesWholeNumbers)
        if let key = literals?.repeatedKey {
            throw ConfigError(
                path: path, key: key.description,
                reason: "given twice in one object; give each setting once")
        }
        try shape.check(object, against: defaultsTree())
        try checkRoles(object, path: path)
        let config = try decode(stripped, path: path)
        if let problem = config.serving.problems.first {
            // A problem starts with the key it is about: `error_budget_burn.windows 2s/10s: …`.
            let key = problem.prefix { $0 != " " }
            let reason = problem.dropFirst(key.count + 1)
            throw ConfigError(path: path, key: "serving." + key, reason: String(reason))
        }
        return config
    }

    /// A number too large for a double is refused by the JSON parser without naming where it
    /// is: name its key first.
    private static func checkMagnitudes(_ literals: ConfigLiterals?, path: String)
        throws(ConfigError)
    {
        let huge = (literals?.numbers ?? [:]).filter { Double($0.value)?.isFinite == false }
        guard let (key, text) = huge.min(by: { $0.key.description < $1.key.description })
        else { return }
        throw ConfigError(
            path: path, key: key.description,
            reason: "expected a number of at most 1e15, got \(text)")
    }

    /// Decodes a checked config. The checks above leave nothing for the decoder to refuse; if
    /// it still does, the message names the key its path gives.
    private static func decode(_ text: String, path: String) throws(ConfigError) -> RunLensConfig {
        do {
            return try JSONDecoder().decode(RunLensConfig.self, from: Data(text.utf8))
        } catch let DecodingError.typeMismatch(type, context) {
            throw ConfigError(
                path: path, key: dotted(context.codingPath), reason: "expected \(type)")
        } catch let DecodingError.dataCorrupted(context) {
            throw ConfigError(
                path: path, key: dotted(context.codingPath), reason: context.debugDescription)
        } catch {
            throw ConfigError(path: path, reason: "a value has the wrong type (\(error))")
        }
    }

    private static func dotted(_ codingPath: [CodingKey]) -> String {
        var key = ConfigKeyPath()
        for part in codingPath {
            key = part.intValue.map(key.appending) ?? key.appending(part.stringValue)
        }
        return key.description
    }

    /// The defaults as JSON with a `//` line of explanation before each key.
    public static func defaultsText() -> String {
        ConfigPrinter.render(defaultsTree(), explanations: explanations())
    }

    static func defaultsTree() -> Any {
        tree(of: RunLensConfig())
    }

    /// `config` as the JSON tree a configuration file writes.
    static func tree(of config: RunLensConfig) -> Any {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        guard let data = try? encoder.encode(config),
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
        for (key, text) in AlertStormSettings.explanations { all["alert_storm." + key] = text }
        return all
    }

    private static func checkRoles(_ object: Any, path: String) throws(ConfigError) {
        guard let roles = (object as? [String: Any])?["roles"] as? [String: Any] else { return }
        let allowed = MetricRole.allCases.map(\.rawValue)
        // A name listed under two roles would take whichever came last from a dictionary.
        var listedUnder: [String: String] = [:]
        for name in roles.keys.sorted() {
            guard MetricRole(rawValue: name) != nil else {
                throw ConfigError(
                    path: path, key: "roles.\(name)",
                    reason: "unknown role (allowed: \(allowed.joined(separator: ", ")))")
            }
            guard let list = roles[name] as? [Any], let metrics = list as? [String] else {
                throw ConfigError(
                    path: path, key: "roles.\(name)", reason: "expected a list of metric names")
            }
            for metric in metrics {
                let normal = RoleMatcher.normalize(metric)
                if let other = listedUnder[normal], other != name {
                    throw ConfigError(
                        path: path, key: "roles.\(name)",
                        reason: "'\(metric)' is also listed under 'roles.\(other)'; a metric "
                            + "takes one role")
                }
                listedUnder[normal] = name
            }
        }
    }

    private static func reason(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return text ?? "unreadable"
    }
}
