/// Where a value sits in a config file: object keys and list positions from the top, written
/// `serving.error_budget_burn.windows[0].factor` in messages.
struct ConfigKeyPath: Hashable, CustomStringConvertible {
    /// One step down: into an object by key, or into a list by position.
    enum Part: Hashable {
        case key(String)
        case index(Int)
    }

    /// The steps from the top of the file; empty for the whole file.
    var parts: [Part] = []

    /// The path one step up; the whole file for a key at the top.
    var parent: Self { Self(parts: Array(parts.dropLast())) }

    /// The path one key further down.
    func appending(_ key: String) -> Self {
        var path = self
        path.parts.append(.key(key))
        return path
    }

    /// The path one list position further down.
    func appending(_ index: Int) -> Self {
        var path = self
        path.parts.append(.index(index))
        return path
    }

    /// Dotted keys with positions in brackets; empty for the whole file.
    var description: String {
        var text = ""
        for part in parts {
            switch part {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
