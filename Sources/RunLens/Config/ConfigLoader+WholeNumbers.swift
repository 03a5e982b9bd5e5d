import Foundation

extension ConfigLoader {
    /// Whether the setting at `key` takes only whole numbers (a count of points, a number
    /// of windows): its decoder reads 1 there but refuses 0.5.
    ///
    /// The settings types' decoders are the one place that knows which keys are integers;
    /// asking them keeps the check from drifting when a setting changes type. Only asked
    /// about a number that is not whole, so a config of whole numbers costs nothing.
    static func takesWholeNumbers(_ key: ConfigKeyPath) -> Bool {
        decodes(key, 1) && !decodes(key, 0.5)
    }

    /// Whether a config holding only `number` at `key` decodes. List items are the first
    /// default item with `number` put in, since an item needs all of its keys.
    private static func decodes(_ key: ConfigKeyPath, _ number: Double) -> Bool {
        guard let tree = placing(number, at: key.parts[...], in: defaultsTree()),
            let data = try? JSONSerialization.data(withJSONObject: tree)
        else { return false }
        return (try? JSONDecoder().decode(RunLensConfig.self, from: data)) != nil
    }

    /// The smallest tree reaching `parts` in `defaults`, holding `number` at its end.
    private static func placing(
        _ number: Double, at parts: ArraySlice<ConfigKeyPath.Part>, in defaults: Any
    ) -> Any? {
        guard let part = parts.first else { return number }
        let rest = parts.dropFirst()
        switch part {
        case .key(let name):
            // A key without a default (a baseline score) can only be a leaf.
            guard let child = (defaults as? [String: Any])?[name] else {
                return rest.isEmpty ? [name: number] : nil
            }
            return placing(number, at: rest, in: child).map { [name: $0] }
        case .index:
            guard let model = (defaults as? [Any])?.first,
                let inner = placing(number, at: rest, in: model)
            else { return nil }
            guard let item = model as? [String: Any], let given = inner as? [String: Any] else {
                return [inner]
            }
            return [item.merging(given) { _, new in new }]
        }
    }
}
