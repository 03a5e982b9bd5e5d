import Foundation

/// Compares a parsed config with the defaults' shape: every key must exist in the defaults
/// at the same path, with a value of the same kind, in the range the setting takes.
///
/// Every error names the file, the key's path and what the key expects, and quotes the
/// value as the file wrote it.
struct ConfigShape {
    /// The file, for errors.
    let path: String
    /// Dotted paths whose default is unset, so the encoded defaults lack them.
    let optionalKeys: Set<String>
    /// The numbers as the file wrote them.
    let literals: ConfigLiterals?
    /// Whether the setting at a path takes only whole numbers (a count of points).
    let takesWholeNumbers: (ConfigKeyPath) -> Bool

    /// Checks `value`, the whole parsed file, against `defaults`.
    func check(_ value: Any, against defaults: Any) throws(ConfigError) {
        try check(value, defaults, at: ConfigKeyPath())
    }

    private func check(_ value: Any, _ defaults: Any, at key: ConfigKeyPath) throws(ConfigError) {
        if key.description == "roles" { return }
        guard let expected = defaults as? [String: Any] else {
            try checkLeaf(value, defaults, at: key)
            return
        }
        guard let object = value as? [String: Any] else {
            throw error(at: key, "expected an object, got \(describe(value, at: key))")
        }
        // An empty default object is a map the user fills: names to numbers.
        if expected.isEmpty, !key.parts.isEmpty {
            for name in object.keys.sorted() {
                // Scores may be negative (a log-likelihood): no range here.
                try checkLeaf(object[name] ?? NSNull(), 0.0, at: key.appending(name), ranged: false)
            }
            return
        }
        for name in object.keys.sorted() {
            try checkChild(object[name] ?? NSNull(), of: expected, at: key.appending(name))
        }
    }

    private func checkChild(_ value: Any, of expected: [String: Any], at child: ConfigKeyPath)
        throws(ConfigError)
    {
        guard case .key(let name) = child.parts.last, let defaultValue = expected[name] else {
            if optionalKeys.contains(child.description) {
                try checkOptional(value, at: child)
                return
            }
            let allowed = (Array(expected.keys) + optionalChildren(of: child.parent.description))
                .sorted().joined(separator: ", ")
            throw error(at: child, "unknown key (allowed: \(allowed))")
        }
        try check(value, defaultValue, at: child)
    }

    /// The names of the optional keys directly inside the object at `key`.
    private func optionalChildren(of key: String) -> [String] {
        let prefix = key.isEmpty ? "" : key + "."
        return optionalKeys.filter { $0.hasPrefix(prefix) }.map {
            String($0.dropFirst(prefix.count))
        }
        .filter { !$0.contains(".") }
    }

    /// A number or nothing: a width chosen from the run, no capacity.
    private func checkOptional(_ value: Any, at key: ConfigKeyPath) throws(ConfigError) {
        let got = Self.kind(value)
        guard got == "a number" || got == "null" else {
            throw error(at: key, "expected a number, got \(describe(value, at: key))")
        }
        if got == "a number" { try checkNumber(value, at: key) }
    }

    private func checkLeaf(
        _ value: Any, _ defaults: Any, at key: ConfigKeyPath, ranged: Bool = true
    )
        throws(ConfigError)
    {
        if value is NSNull { return }
        if defaults is NSNull {
            try checkOptional(value, at: key)
            return
        }
        if let text = defaults as? String, Severity(name: text) != nil {
            if let given = value as? String, Severity(name: given) != nil { return }
            throw error(
                at: key,
                "expected one of info, warning, error, critical, got \(describe(value, at: key))")
        }
        let wanted = Self.kind(defaults)
        guard wanted == Self.kind(value) else {
            throw error(at: key, "expected \(wanted), got \(describe(value, at: key))")
        }
        if wanted == "a number" && ranged { try checkNumber(value, at: key) }
        if wanted == "a number" && !ranged { try checkHeldApart(value, at: key) }
        if let list = value as? [Any], let items = defaults as? [Any] {
            try checkItems(list, like: items, at: key)
        }
    }

    /// Checks each item of a list against the first default item: a list of names holds
    /// names, a list of alerts holds objects with every key an alert needs.
    private func checkItems(_ list: [Any], like items: [Any], at key: ConfigKeyPath)
        throws(ConfigError)
    {
        guard let model = items.first else { return }
        for (index, item) in list.enumerated() {
            let place = key.appending(index)
            try check(item, model, at: place)
            guard let needed = model as? [String: Any], let given = item as? [String: Any]
            else { continue }
            for name in needed.keys.sorted() where given[name] == nil {
                let all = needed.keys.sorted().joined(separator: ", ")
                throw error(at: place.appending(name), "missing (each item needs \(all))")
            }
        }
    }

    func error(at key: ConfigKeyPath, _ reason: String) -> ConfigError {
        ConfigError(path: path, key: key.description, reason: reason)
    }

    static func kind(_ value: Any) -> String {
        if value is [String: Any] { return "an object" }
        if value is [Any] { return "a list" }
        if value is String { return "a string" }
        if value is NSNumber {
            let typeName = String(describing: type(of: value))
            return typeName.contains("Boolean") ? "true or false" : "a number"
        }
        return "null"
    }

    /// The value as the file wrote it: numbers in its own digits, text in quotes.
    func describe(_ value: Any, at key: ConfigKeyPath) -> String {
        switch Self.kind(value) {
        case "a string": return "'\(value as? String ?? "")'"
        case "true or false": return (value as? NSNumber)?.boolValue == true ? "true" : "false"
        case "a number":
            return literals?[key] ?? Self.plain((value as? NSNumber)?.doubleValue ?? 0)
        case "null": return "null"
        default: return Self.kind(value)
        }
    }
}
