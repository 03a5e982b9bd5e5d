/// Encodes `Encodable` values to the text `JSONEncoder` writes with `.prettyPrinted`,
/// `.sortedKeys`, `.withoutEscapingSlashes` and non-finite numbers as `"NaN"`, `"Infinity"`
/// and `"-Infinity"`, byte for byte, without its cost.
///
/// `JSONEncoder` asks the runtime, for every value, whether it is one of the types it spells
/// in its own way (dates, data, URLs, dictionaries); the summary holds none of them, so this
/// encoder goes straight through each type's `encode(to:)`, and spells numbers with
/// ``NumberFormat/exact(_:)-(Double)``.
final class PrettyJSONEncoder: Encoder {
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// What was encoded so far.
    private(set) var node: JSONNode?

    /// What was encoded, an empty object when nothing was (as `JSONEncoder` writes it).
    var encoded: JSONNode { node ?? .object(JSONObjectNode()) }

    init(codingPath: [CodingKey]) {
        self.codingPath = codingPath
    }

    /// The UTF-8 text of `value`, without a final line break.
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        var writer = JSONTextWriter()
        writer.write(try node(of: value, at: []))
        return writer.bytes
    }

    /// The document node of `value`, encoded at `codingPath` (built only for values that
    /// are not numbers, strings, Booleans or arrays of `Int`).
    static func node(
        of value: some Encodable, at codingPath: @autoclosure () -> [CodingKey]
    ) throws -> JSONNode {
        if let node = primitiveNode(of: value) { return node }

        let encoder = PrettyJSONEncoder(codingPath: codingPath())
        try value.encode(to: encoder)
        return encoder.encoded
    }

    /// The node of a number, string, Boolean or array of `Int`, told apart by type identity,
    /// which costs no lookup of conformances; nil for every other type.
    private static func primitiveNode<Value>(of value: Value) -> JSONNode? {
        if Value.self == Int.self { return .int(unsafeBitCast(value, to: Int.self)) }
        if Value.self == Double.self { return .double(unsafeBitCast(value, to: Double.self)) }
        if Value.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if Value.self == [Int].self { return .integers(unsafeBitCast(value, to: [Int].self)) }
        if Value.self == Bool.self {
            return .literal(unsafeBitCast(value, to: Bool.self) ? "true" : "false")
        }
        return nil
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: JSONObjectNode
        if case .object(let existing) = node {
            object = existing
        } else {
            object = JSONObjectNode()
            node = .object(object)
        }
        return KeyedEncodingContainer(JSONObjectContainer(object, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        let array: JSONArrayNode
        if case .array(let existing) = node {
            array = existing
        } else {
            array = JSONArrayNode()
            node = .array(array)
        }
        return JSONArrayContainer(array, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        JSONValueContainer(encoder: self)
    }

    /// Stores the single value encoded.
    func setValue(_ value: JSONNode) {
        node = value
    }
}
