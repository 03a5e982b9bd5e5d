import Foundation

/// Prints a config tree as indented JSON, keys sorted, with a `//` explanation line before
/// every key that has one.
enum ConfigPrinter {
    static func render(_ tree: Any, explanations: [String: String]) -> String {
        var lines = [
            "// runlens configuration: the complete defaults. Save as runlens.json (read from",
            "// the working directory) or pass --config FILE; keep only what you change.",
        ]
        write(tree, key: "", indent: 0, explanations: explanations, into: &lines, suffix: "")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func write(
        _ value: Any, key: String, indent: Int, explanations: [String: String],
        into lines: inout [String], suffix: String, label: String = ""
    ) {
        let pad = String(repeating: "  ", count: indent)
        guard let object = value as? [String: Any], !object.isEmpty else {
            lines.append(pad + label + leaf(value) + suffix)
            return
        }
        lines.append(pad + label + "{")
        let names = object.keys.sorted()
        for (position, name) in names.enumerated() {
            let path = key.isEmpty ? name : key + "." + name
            if let text = explanations[path] { lines.append(pad + "  // " + text) }
            let comma = position == names.count - 1 ? "" : ","
            write(
                object[name] ?? NSNull(), key: path, indent: indent + 1, explanations: explanations,
                into: &lines, suffix: comma, label: quote(name) + ": ")
        }
        lines.append(pad + "}" + suffix)
    }

    private static func leaf(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if let text = value as? String { return quote(text) }
        if let list = value as? [Any] {
            if list.contains(where: { $0 is [String: Any] }),
                let data = try? JSONSerialization.data(withJSONObject: list, options: [.sortedKeys])
            {
                return String(decoding: data, as: UTF8.self)
            }
            return "[" + list.map(leaf).joined(separator: ", ") + "]"
        }
        if let object = value as? [String: Any], object.isEmpty { return "{}" }
        if let number = value as? NSNumber {
            if String(describing: type(of: value)).contains("Boolean") {
                return number.boolValue ? "true" : "false"
            }
            return NumberFormat.exact(number.doubleValue)
        }
        return "null"
    }

    private static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
