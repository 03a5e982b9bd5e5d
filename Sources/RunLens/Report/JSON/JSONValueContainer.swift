/// The single value of a `PrettyJSONEncoder`: a number, string, Boolean or null.
struct JSONValueContainer: SingleValueEncodingContainer {
    let encoder: PrettyJSONEncoder
    var codingPath: [CodingKey] { encoder.codingPath }

    mutating func encodeNil() { encoder.setValue(.literal("null")) }
    mutating func encode(_ value: Bool) { encoder.setValue(.literal(value ? "true" : "false")) }
    mutating func encode(_ value: String) { encoder.setValue(.string(value)) }
    mutating func encode(_ value: Double) { encoder.setValue(.double(value)) }
    mutating func encode(_ value: Float) { encoder.setValue(.float(value)) }
    mutating func encode(_ value: Int) { encoder.setValue(.int(value)) }
    mutating func encode(_ value: Int8) { encoder.setValue(.integer(value)) }
    mutating func encode(_ value: Int16) { encoder.setValue(.integer(value)) }
    mutating func encode(_ value: Int32) { encoder.setValue(.integer(value)) }
    mutating func encode(_ value: Int64) { encoder.setValue(.integer(value)) }
    mutating func encode(_ value: UInt) { encoder.setValue(.integer(value)) }
    mutating func encode(_ value: UInt8) { encoder.setValue(.integer(value)) }
    mutating func encode(_ value: UInt16) { encoder.setValue(.integer(value)) }
    mutating func encode(_ value: UInt32) { encoder.setValue(.integer(value)) }
    mutating func encode(_ value: UInt64) { encoder.setValue(.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.setValue(try PrettyJSONEncoder.node(of: value, at: codingPath))
    }
}
