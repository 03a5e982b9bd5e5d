/// The members of one object of a `PrettyJSONEncoder` document.
struct JSONObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    private let object: JSONObjectNode
    let codingPath: [CodingKey]

    init(_ object: JSONObjectNode, codingPath: [CodingKey]) {
        self.object = object
        self.codingPath = codingPath
    }

    mutating func encodeNil(forKey key: Key) { set(key, .literal("null")) }
    mutating func encode(_ value: Bool, forKey key: Key) {
        set(key, .literal(value ? "true" : "false"))
    }
    mutating func encode(_ value: String, forKey key: Key) { set(key, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) { set(key, .double(value)) }
    mutating func encode(_ value: Float, forKey key: Key) { set(key, .float(value)) }
    mutating func encode(_ value: Int, forKey key: Key) { set(key, .int(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) { set(key, .integer(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) { set(key, .integer(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) { set(key, .integer(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) { set(key, .integer(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) { set(key, .integer(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) { set(key, .integer(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) { set(key, .integer(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) { set(key, .integer(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) { set(key, .integer(value)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(key, try PrettyJSONEncoder.node(of: value, at: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectNode()
        set(key, .object(nested))
        let container = JSONObjectContainer<NestedKey>(nested, codingPath: codingPath + [key])
        return KeyedEncodingContainer(container)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let nested = JSONArrayNode()
        set(key, .array(nested))
        return JSONArrayContainer(nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> Encoder {
        let encoder = PrettyJSONEncoder(codingPath: codingPath)
        object.set("super", .later(encoder))
        return encoder
    }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        let encoder = PrettyJSONEncoder(codingPath: codingPath + [key])
        set(key, .later(encoder))
        return encoder
    }

    private func set(_ key: Key, _ value: JSONNode) {
        object.set(key.stringValue, value)
    }
}
