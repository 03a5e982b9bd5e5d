/// A value of the document `PrettyJSONEncoder` builds, before it is written out.
///
/// Numbers and strings are kept as they came and spelled only when the text is written.
enum JSONNode {
    /// Text written as it is: `true`, `false`, `null`, or a number's spelling.
    case literal(String)
    case int(Int)
    case double(Double)
    case string(String)
    case array(JSONArrayNode)
    /// An array of `Int`, kept as the array rather than as a node per element: a sketch's
    /// bucket counts, thousands of them in a summary of many series.
    case integers([Int])
    case object(JSONObjectNode)
    /// What an encoder handed out by `superEncoder` holds once the caller has filled it.
    case later(PrettyJSONEncoder)

    /// An integer of any width, spelled in decimal.
    static func integer(_ value: some BinaryInteger) -> JSONNode {
        .literal(String(value))
    }

    /// A `Float`, spelled as `JSONEncoder` spells it: its description without a trailing
    /// `.0`, non-finite values as strings.
    static func float(_ value: Float) -> JSONNode {
        guard value.isFinite else { return nonfinite(Double(value)) }

        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .literal(text)
    }

    /// `"NaN"`, `"Infinity"` or `"-Infinity"`, the strings `SummaryJSON` asks for.
    static func nonfinite(_ value: Double) -> JSONNode {
        .string(value.isNaN ? "NaN" : value > 0 ? "Infinity" : "-Infinity")
    }
}

/// An object's members in the order they were encoded; written with the keys sorted.
final class JSONObjectNode {
    var keys: [String] = []
    var values: [JSONNode] = []

    /// Adds `value` under `key`.
    func set(_ key: String, _ value: JSONNode) {
        keys.append(key)
        values.append(value)
    }

    /// The positions of the members to write, by key in byte order; of two members with the
    /// same key only the later one, as `JSONEncoder` keeps it.
    func sortedPositions() -> [Int] {
        let order = keys.indices.sorted { left, right in
            let (a, b) = (keys[left].utf8, keys[right].utf8)
            if a.elementsEqual(b) { return left < right }
            return a.lexicographicallyPrecedes(b)
        }
        var kept: [Int] = []
        kept.reserveCapacity(order.count)
        for position in order {
            if let last = kept.last, keys[last].utf8.elementsEqual(keys[position].utf8) {
                kept.removeLast()
            }
            kept.append(position)
        }
        return kept
    }
}

/// An array's elements in order.
final class JSONArrayNode {
    var items: [JSONNode] = []
}
