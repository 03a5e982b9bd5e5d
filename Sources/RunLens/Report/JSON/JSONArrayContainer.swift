/// The elements of one array of a `PrettyJSONEncoder` document.
struct JSONArrayContainer: UnkeyedEncodingContainer {
    private let array: JSONArrayNode
    let codingPath: [CodingKey]
    var count: Int { array.items.count }

    init(_ array: JSONArrayNode, codingPath: [CodingKey]) {
        self.array = array
        self.codingPath = codingPath
    }

    mutating func encodeNil() { array.items.append(.literal("null")) }
    mutating func encode(_ value: Bool) { array.items.append(.literal(value ? "true" : "false")) }
    mutating func encode(_ value: String) { array.items.append(.string(value)) }
    mutating func encode(_ value: Double) { array.items.append(.double(value)) }
    mutating func encode(_ value: Float) { array.items.append(.float(value)) }
    mutating func encode(_ value: Int) { array.items.append(.int(value)) }
    mutating func encode(_ value: Int8) { array.items.append(.integer(value)) }
    mutating func encode(_ value: Int16) { array.items.append(.integer(value)) }
    mutating func encode(_ value: Int32) { array.items.append(.integer(value)) }
    mutating func encode(_ value: Int64) { array.items.append(.integer(value)) }
    mutating func encode(_ value: UInt) { array.items.append(.integer(value)) }
    mutating func encode(_ value: UInt8) { array.items.append(.integer(value)) }
    mutating func encode(_ value: UInt16) { array.items.append(.integer(value)) }
    mutating func encode(_ value: UInt32) { array.items.append(.integer(value)) }
    mutating func encode(_ value: UInt64) { array.items.append(.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let node = try PrettyJSONEncoder.node(of: value, at: codingPath + [JSONIndexKey(count)])
        array.items.append(node)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectNode()
        let path = codingPath + [JSONIndexKey(count)]
        array.items.append(.object(nested))
        return KeyedEncodingContainer(JSONObjectContainer<NestedKey>(nested, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let nested = JSONArrayNode()
        let path = codingPath + [JSONIndexKey(count)]
        array.items.append(.array(nested))
        return JSONArrayContainer(nested, codingPath: path)
    }

    mutating func superEncoder() -> Encoder {
        let encoder = PrettyJSONEncoder(codingPath: codingPath + [JSONIndexKey(count)])
        array.items.append(.later(encoder))
        return encoder
    }
}

/// The coding key of an array element: its position.
struct JSONIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}
