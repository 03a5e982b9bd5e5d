import Foundation

/// Walks a decoded JSON settings tree.
enum SettingsTree {
    /// The dotted path of every value that is not an object (lists and nulls are leaves).
    static func leafPaths(_ tree: [String: Any], prefix: String = "") -> [String] {
        tree.flatMap { name, value -> [String] in
            let path = prefix.isEmpty ? name : prefix + "." + name
            if let object = value as? [String: Any], !object.isEmpty {
                return leafPaths(object, prefix: path)
            }
            return [path]
        }
    }
}
